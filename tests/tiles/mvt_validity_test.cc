#include <gtest/gtest.h>

#include <random>

#include "geo/mvt_geometry.h"
#include "geo/mvt_validity.h"

namespace {

using geo::FlatPolygon;
using geo::surely_valid;

// A closed ring from points (the first repeated at the end).
std::vector<double> ring(std::initializer_list<std::pair<int, int>> pts) {
  std::vector<double> r;
  for (const auto& [x, y] : pts) {
    r.push_back(x);
    r.push_back(y);
  }
  r.push_back(pts.begin()->first);
  r.push_back(pts.begin()->second);
  return r;
}

bool geos_valid(const FlatPolygon& p) { return geo::flat_to_geometry({p}).is_valid(); }

TEST(MvtValidity, ProvesSimplePolygonsAndHoles) {
  EXPECT_TRUE(surely_valid({{ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}})}}));
  EXPECT_TRUE(surely_valid({{ring({{0, 0}, {0, 10}, {10, 10}})}}));  // either winding
  EXPECT_TRUE(surely_valid({{ring({{0, 0}, {20, 0}, {20, 20}, {0, 20}}), ring({{5, 5}, {8, 5}, {8, 8}}),
                             ring({{10, 10}, {15, 10}, {15, 15}, {10, 15}})}}));
}

TEST(MvtValidity, RefusesWhatIsInvalid) {
  EXPECT_FALSE(surely_valid({{ring({{0, 0}, {10, 10}, {10, 0}, {0, 10}})}}));           // bow tie
  EXPECT_FALSE(surely_valid({{ring({{0, 0}, {10, 0}, {10, 10}, {10, 20}, {10, 10}, {0, 10}})}}));  // spike
  EXPECT_FALSE(surely_valid({{ring({{0, 0}, {5, 0}, {10, 0}})}}));                        // no area
  EXPECT_FALSE(surely_valid({{ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}}), ring({{20, 20}, {25, 20}, {25, 25}})}}));
  EXPECT_FALSE(surely_valid({{ring({{0, 0}, {20, 0}, {20, 20}, {0, 20}}), ring({{2, 2}, {18, 2}, {18, 18}, {2, 18}}),
                              ring({{5, 5}, {8, 5}, {8, 8}})}}));  // nested holes
  EXPECT_FALSE(surely_valid({{ring({{0, 0}, {10, 0}, {5, 5}, {10, 10}, {0, 10}, {5, 5}})}}));  // self-touch
  // Not closed, or off the integer grid: not proven.
  EXPECT_FALSE(surely_valid({{{0, 0, 10, 0, 10, 10, 0, 10}}}));
  FlatPolygon off{{ring({{0, 0}, {10, 0}, {10, 10}})}};
  off.rings[0][2] = 10.5;
  EXPECT_FALSE(surely_valid(off));
}

TEST(MvtValidity, LeavesValidButTouchingRingsToGeos) {
  // A hole touching the exterior at one point is valid, but not proven here.
  const FlatPolygon p{{ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}}), ring({{0, 5}, {5, 3}, {5, 7}})}};
  EXPECT_TRUE(geos_valid(p));
  EXPECT_FALSE(surely_valid(p));
}

// The one-sided promise on many random small polygons: never true where
// GEOS says invalid, and true for a fair share of them.
TEST(MvtValidity, NeverContradictsGeos) {
  std::mt19937 rng(20240404);
  std::uniform_int_distribution<int> coord(0, 12), count(3, 7), holes(0, 2);
  int proven = 0, valid = 0;
  for (int i = 0; i < 20000; ++i) {
    FlatPolygon p;
    for (int r = 0, n = 1 + holes(rng); r < n; ++r) {
      std::vector<double> xy;
      for (int k = 0, m = count(rng); k < m; ++k) {
        const double x = coord(rng), y = coord(rng);
        if (xy.size() >= 2 && xy[xy.size() - 2] == x && xy.back() == y) continue;
        xy.push_back(x);
        xy.push_back(y);
      }
      xy.push_back(xy[0]);
      xy.push_back(xy[1]);
      p.rings.push_back(std::move(xy));
    }
    bool v = true;
    for (const auto& r : p.rings) v = v && r.size() >= 8;  // GEOS builds no shorter ring
    v = v && geos_valid(p);
    const bool s = surely_valid(p);
    valid += v;
    proven += s;
    ASSERT_FALSE(s && !v) << "polygon " << i;
  }
  EXPECT_GT(proven, valid / 2);
}

}  // namespace
