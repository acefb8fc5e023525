#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "geo/mvt/mvt_geometry.h"
#include "geo/mvt/mvt_validity.h"

namespace {

using geo::FlatPolygon;
using geo::quick_validity;
using geo::surely_valid;
using geo::Validity;

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
bool geos_valid(const std::vector<FlatPolygon>& ps) { return geo::flat_to_geometry(ps).is_valid(); }

// A random ring of 3 to 7 points in [dx, dx + span] x [dy, dy + span].
std::vector<double> random_ring(std::mt19937& rng, int span, int dx, int dy) {
  std::uniform_int_distribution<int> coord(0, span), count(3, 7);
  std::vector<double> xy;
  for (int k = 0, m = count(rng); k < m; ++k) {
    const double x = dx + coord(rng), y = dy + coord(rng);
    if (xy.size() >= 2 && xy[xy.size() - 2] == x && xy.back() == y) continue;
    xy.push_back(x);
    xy.push_back(y);
  }
  xy.push_back(xy[0]);
  xy.push_back(xy[1]);
  return xy;
}

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
  // Proven broken: these go straight to repair.
  EXPECT_EQ(quick_validity({{ring({{0, 0}, {10, 10}, {10, 0}, {0, 10}})}}), Validity::invalid);
  EXPECT_EQ(quick_validity({{ring({{0, 0}, {10, 0}, {10, 10}, {10, 20}, {10, 10}, {0, 10}})}}), Validity::invalid);
  EXPECT_EQ(quick_validity({{ring({{0, 0}, {10, 0}, {5, 5}, {10, 10}, {0, 10}, {5, 5}})}}), Validity::invalid);
  EXPECT_EQ(quick_validity({{ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}}), ring({{20, 20}, {25, 20}, {25, 25}})}}),
            Validity::invalid);
  EXPECT_EQ(quick_validity({{ring({{0, 0}, {20, 0}, {20, 20}, {0, 20}}), ring({{2, 2}, {18, 2}, {18, 18}, {2, 18}}),
                             ring({{5, 5}, {8, 5}, {8, 8}})}}),
            Validity::invalid);
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
  EXPECT_EQ(quick_validity(p), Validity::unknown);
}

// The one-sided promise on many random small polygons: never true where
// GEOS says invalid, and true for a fair share of them.
TEST(MvtValidity, NeverContradictsGeos) {
  std::mt19937 rng(20240404);
  std::uniform_int_distribution<int> coord(0, 12), count(3, 7), holes(0, 2);
  const int i_count = 20000;
  int proven = 0, proven_broken = 0, valid = 0;
  for (int i = 0; i < i_count; ++i) {
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
    const bool broken = quick_validity(p) == Validity::invalid;
    valid += v;
    proven += s;
    proven_broken += broken;
    ASSERT_FALSE(s && !v) << "polygon " << i;
    ASSERT_FALSE(broken && v) << "polygon " << i;
    ASSERT_EQ(quick_validity(p) == Validity::valid, s);
  }
  EXPECT_GT(proven, valid / 2);
  EXPECT_GT(proven_broken, (i_count - valid) / 2);
}

TEST(MvtValidity, ProvesDisjointPartsOnly) {
  const FlatPolygon a{{ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}})}};
  const FlatPolygon b{{ring({{20, 0}, {30, 0}, {30, 10}, {20, 10}})}};
  const FlatPolygon overlapping{{ring({{5, 5}, {15, 5}, {15, 15}, {5, 15}})}};
  const FlatPolygon corner{{ring({{10, 10}, {20, 10}, {20, 20}, {10, 20}})}};  // touches a at (10, 10)
  const FlatPolygon inner{{ring({{2, 2}, {4, 2}, {4, 4}})}};
  const FlatPolygon holed{{ring({{0, 0}, {20, 0}, {20, 20}, {0, 20}}), ring({{5, 5}, {15, 5}, {15, 15}, {5, 15}})}};
  const FlatPolygon in_hole{{ring({{8, 8}, {12, 8}, {12, 12}})}};
  EXPECT_TRUE(surely_valid(std::vector<FlatPolygon>{a, b}));
  EXPECT_TRUE(surely_valid(std::vector<FlatPolygon>{a}));
  EXPECT_FALSE(surely_valid(std::vector<FlatPolygon>{}));
  EXPECT_FALSE(surely_valid(std::vector<FlatPolygon>{a, overlapping}));
  EXPECT_FALSE(surely_valid(std::vector<FlatPolygon>{a, inner}));  // inside: overlaps
  EXPECT_FALSE(surely_valid(std::vector<FlatPolygon>{inner, a}));
  EXPECT_FALSE(geos_valid(std::vector<FlatPolygon>{a, inner}));
  // Valid, but not proven: touching at a point, or an island in a hole.
  EXPECT_TRUE(geos_valid(std::vector<FlatPolygon>{a, corner}));
  EXPECT_FALSE(surely_valid(std::vector<FlatPolygon>{a, corner}));
  EXPECT_TRUE(geos_valid(std::vector<FlatPolygon>{holed, in_hole}));
  EXPECT_FALSE(surely_valid(std::vector<FlatPolygon>{holed, in_hole}));
}

// The same promise for MultiPolygons: random parts, some apart, some
// overlapping, nested or touching.
TEST(MvtValidity, NeverContradictsGeosOnMultiPolygons) {
  std::mt19937 rng(20261127);
  std::uniform_int_distribution<int> parts(1, 3), offset(0, 16), holes(0, 1);
  int proven = 0, valid = 0;
  for (int i = 0; i < 20000; ++i) {
    std::vector<FlatPolygon> ps;
    for (int k = 0, n = parts(rng); k < n; ++k) {
      const int dx = offset(rng), dy = offset(rng);
      FlatPolygon p;
      p.rings.push_back(random_ring(rng, 8, dx, dy));
      for (int h = holes(rng); h > 0; --h) p.rings.push_back(random_ring(rng, 4, dx + 2, dy + 2));
      ps.push_back(std::move(p));
    }
    bool v = true;
    for (const auto& p : ps)
      for (const auto& r : p.rings) v = v && r.size() >= 8;  // GEOS builds no shorter ring
    v = v && geos_valid(ps);
    const bool s = surely_valid(ps);
    valid += v;
    proven += s;
    ASSERT_FALSE(s && !v) << "multipolygon " << i;
  }
  EXPECT_GT(valid, 1000);
  EXPECT_GT(proven, valid / 2);
}

// Star-shaped rings of many points rounded to the grid, some broken by the
// rounding: long rings take the counting-sort path of the sweep.
TEST(MvtValidity, NeverContradictsGeosOnLongRings) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> count(32, 400), holes(0, 2);
  std::uniform_real_distribution<double> unit(0, 1);
  auto star = [&](double cx, double cy, double r_min, double r_max, int n) {
    std::vector<double> angles;
    for (int k = 0; k < n; ++k) angles.push_back(unit(rng) * 2 * M_PI);
    std::sort(angles.begin(), angles.end());
    std::vector<double> xy;
    for (double a : angles) {
      const double r = r_min + unit(rng) * (r_max - r_min);
      const double x = std::round(cx + r * std::cos(a)), y = std::round(cy + r * std::sin(a));
      if (xy.size() >= 2 && xy[xy.size() - 2] == x && xy.back() == y) continue;
      xy.push_back(x);
      xy.push_back(y);
    }
    if (xy.size() >= 4 && xy[0] == xy[xy.size() - 2] && xy[1] == xy.back()) xy.resize(xy.size() - 2);
    xy.push_back(xy[0]);
    xy.push_back(xy[1]);
    return xy;
  };
  int proven = 0, valid = 0;
  for (int i = 0; i < 3000; ++i) {
    FlatPolygon p;
    const double r = 20 + unit(rng) * 200;
    p.rings.push_back(star(0, 0, r * (0.3 + 0.6 * unit(rng)), r, count(rng)));
    for (int h = holes(rng); h > 0; --h) {
      const double cx = (unit(rng) - 0.5) * r * 0.2, cy = (unit(rng) - 0.5) * r * 0.2;
      p.rings.push_back(star(cx, cy, r * 0.02, r * 0.1, count(rng) / 4 + 3));
    }
    bool v = true;
    for (const auto& ring : p.rings) v = v && ring.size() >= 8;
    v = v && geos_valid(p);
    const bool s = surely_valid(p);
    valid += v;
    proven += s;
    ASSERT_FALSE(s && !v) << "polygon " << i;
    ASSERT_FALSE(quick_validity(p) == Validity::invalid && v) << "polygon " << i;
  }
  EXPECT_GT(valid, 300);
  EXPECT_LT(valid, 2900);  // rounding broke some
  EXPECT_GT(proven, valid / 2);
}

}  // namespace
