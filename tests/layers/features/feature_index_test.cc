// The box index a write updates in place finds exactly what a brute-force
// scan of the current features finds, through thousands of writes (past
// the bound where it builds itself whole again).
#include "layers/features/feature_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <vector>

namespace {

using Boxes = std::vector<std::optional<geo::Envelope>>;  // by position; nullopt: no geometry

std::vector<std::pair<std::size_t, geo::Envelope>> entries(const Boxes& boxes) {
  std::vector<std::pair<std::size_t, geo::Envelope>> out;
  for (std::size_t i = 0; i < boxes.size(); ++i)
    if (boxes[i]) out.emplace_back(i, *boxes[i]);
  return out;
}

std::vector<std::size_t> found(const layers::FeatureIndex& index, const geo::Envelope& q) {
  std::vector<std::size_t> out;
  index.query(q, [&](std::size_t i) { out.push_back(i); });
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::size_t> brute(const Boxes& boxes, const geo::Envelope& q) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < boxes.size(); ++i)
    if (boxes[i] && boxes[i]->intersects(q)) out.push_back(i);
  return out;
}

TEST(FeatureIndex, UpdatedByWritesItFindsWhatAScanFinds) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> coord(0, 100), size(0, 3), u(0, 1);
  auto box = [&] {
    const double x = coord(rng), y = coord(rng);
    return geo::Envelope{x, y, x + size(rng), y + size(rng)};
  };
  auto maybe_box = [&]() -> std::optional<geo::Envelope> {
    if (u(rng) < 0.1) return std::nullopt;
    return box();
  };
  Boxes boxes;
  for (int i = 0; i < 500; ++i) boxes.push_back(maybe_box());
  layers::FeatureIndex index(entries(boxes));
  for (int write = 0; write < 3000; ++write) {
    // One write: delete, replace or insert a few features at random positions.
    Boxes next;
    std::vector<std::size_t> moved(boxes.size(), layers::FeatureIndex::kGone);
    std::vector<std::pair<std::size_t, geo::Envelope>> written;
    auto add_written = [&] {
      const auto b = maybe_box();
      if (b) written.emplace_back(next.size(), *b);
      next.push_back(b);
    };
    for (std::size_t p = 0; p < boxes.size(); ++p) {
      const double r = u(rng);
      if (r < 0.002) continue;  // deleted
      if (r < 0.004) {
        add_written();  // replaced
        continue;
      }
      if (r < 0.006) add_written();  // inserted before
      moved[p] = next.size();
      next.push_back(boxes[p]);
    }
    index = layers::FeatureIndex(index, moved, written);
    boxes = std::move(next);
    if (write % 100 == 0) {
      for (int k = 0; k < 20; ++k) {
        const geo::Envelope q = box();
        ASSERT_EQ(found(index, q), brute(boxes, q)) << "write " << write;
      }
      EXPECT_EQ(index.size(), entries(boxes).size());
    }
  }
}

}  // namespace
