#include "geo/index/box_tree.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace {

// The tree must return exactly what a linear scan returns.
TEST(BoxTree, MatchesBruteForceOnRandomBoxes) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> pos(-100, 100), size(0, 5);
  std::vector<geo::Envelope> boxes;
  for (int i = 0; i < 5000; ++i) {
    const double x = pos(rng), y = pos(rng);
    boxes.push_back({x, y, x + size(rng), y + size(rng)});
  }
  const geo::BoxTree tree(boxes);
  EXPECT_EQ(tree.size(), 5000u);
  for (int q = 0; q < 200; ++q) {
    const double x = pos(rng), y = pos(rng);
    const geo::Envelope query{x, y, x + size(rng) * 3, y + size(rng) * 3};
    std::vector<std::size_t> got, want;
    tree.query(query, [&](std::size_t i) { got.push_back(i); });
    for (std::size_t i = 0; i < boxes.size(); ++i)
      if (boxes[i].intersects(query)) want.push_back(i);
    std::sort(got.begin(), got.end());
    ASSERT_EQ(got, want) << "query " << q;
  }
}

TEST(BoxTree, EmptyTreeFindsNothing) {
  const geo::BoxTree tree(std::vector<geo::Envelope>{});
  int hits = 0;
  tree.query({-1, -1, 1, 1}, [&](std::size_t) { ++hits; });
  EXPECT_EQ(hits, 0);
}

}  // namespace
