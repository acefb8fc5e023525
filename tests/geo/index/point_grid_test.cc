#include "geo/index/point_grid.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "geo/geos/geometry.h"

namespace {

using Kind = geo::PointGrid::Settled::Kind;

// Squares at the equator and near the pole (where a metre is a larger share
// of a degree of longitude), one with a hole, two overlapping.
std::vector<geo::Geometry> fixture() {
  std::vector<geo::Geometry> g;
  g.push_back(geo::Geometry::from_wkt("POLYGON((0 0,1 0,1 1,0 1,0 0),(0.4 0.4,0.6 0.4,0.6 0.6,0.4 0.6,0.4 0.4))"));
  g.push_back(geo::Geometry::from_wkt("POLYGON((0.9 0,1.5 0,1.5 1,0.9 1,0.9 0))"));
  g.push_back(geo::Geometry::from_wkt("POLYGON((3 -80,3.2 -80,3.1 -79.8,3 -80))"));
  g.push_back(geo::Geometry());
  return g;
}

// What the grid says must be what the index says, for every point.
void expect_agrees(const geo::PolygonIndex& index, const geo::PointGrid& grid, double max_metres, double x, double y) {
  const auto s = grid.settle(x, y);
  if (s.kind == Kind::unknown) return;
  const auto hits = index.containing(x, y);
  if (s.kind == Kind::none) {
    EXPECT_TRUE(hits.empty()) << x << " " << y;
    EXPECT_FALSE(index.nearest(x, y, max_metres).has_value()) << x << " " << y;
  } else {
    EXPECT_EQ(hits, std::vector<std::size_t>({s.id})) << x << " " << y;
  }
}

TEST(PointGrid, SettlesFarAndDeepPointsAndLeavesTheRestToTheIndex) {
  const geo::PolygonIndex index(fixture());
  const geo::PointGrid grid(index, 2000);
  EXPECT_EQ(grid.settle(0.2, 0.2).kind, Kind::inside);
  EXPECT_EQ(grid.settle(0.2, 0.2).id, 0u);
  EXPECT_EQ(grid.settle(1.3, 0.5).id, 1u);
  EXPECT_EQ(grid.settle(0.5, 0.5).kind, Kind::none) << "the middle of the hole, 11 km from its edges";
  EXPECT_EQ(grid.settle(-0.5, 0.5).kind, Kind::none);
  EXPECT_EQ(grid.settle(50, 50).kind, Kind::none) << "beyond the grid";
  EXPECT_EQ(grid.settle(0.95, 0.5).kind, Kind::unknown) << "in two polygons: the deeper one is the index's to find";
  EXPECT_EQ(grid.settle(-0.01, 0.5).kind, Kind::unknown) << "1.1 km from an edge, within 2 km";
  EXPECT_EQ(grid.settle(0.0001, 0.5).kind, Kind::unknown) << "on an edge's cell";
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(grid.settle(nan, 0.5).kind, Kind::unknown);
  EXPECT_EQ(grid.settle(0.5, std::numeric_limits<double>::infinity()).kind, Kind::unknown);
}

TEST(PointGrid, AgreesWithTheIndexEverywhereAtEveryLatitude) {
  const geo::PolygonIndex index(fixture());
  for (const double metres : {0.0, 500.0, 2000.0, 20000.0}) {
    const geo::PointGrid grid(index, metres, 1.0 / 64);
    // A lattice finer than the cells around both groups, and random points.
    for (double x = -0.3; x <= 1.8; x += 0.0013)
      for (double y = -0.3; y <= 1.3; y += 0.0017) expect_agrees(index, grid, metres, x, y);
    for (double x = 2.5; x <= 3.7; x += 0.0011)
      for (double y = -80.3; y <= -79.5; y += 0.0007) expect_agrees(index, grid, metres, x, y);
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> ux(-1, 4), uy(-81, 2);
    for (int i = 0; i < 200000; ++i) expect_agrees(index, grid, metres, ux(rng), uy(rng));
  }
}

TEST(PointGrid, AnIndexWithoutEdgesSettlesNothing) {
  std::vector<geo::Geometry> none;
  none.push_back(geo::Geometry());
  const geo::PolygonIndex index(std::move(none));
  const geo::PointGrid grid(index, 2000);
  EXPECT_EQ(grid.settle(0, 0).kind, Kind::unknown);
}

}  // namespace
