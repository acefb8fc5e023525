#include "geo/index/polygon_index.h"

#include <gtest/gtest.h>

#include "geo/error.h"
#include "geo/geos/geometry.h"

namespace {

std::vector<geo::Geometry> fixture() {
  std::vector<geo::Geometry> g;
  // 0: a 10x10 square with a 2x2 hole in the middle.
  g.push_back(geo::Geometry::from_wkt("POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,6 4,6 6,4 6,4 4))"));
  // 1: two parts, east of 0.
  g.push_back(geo::Geometry::from_wkt("MULTIPOLYGON(((20 0,30 0,30 10,20 10,20 0)),((40 0,50 0,50 10,40 10,40 0)))"));
  // 2: overlaps 0 on x in [8, 12].
  g.push_back(geo::Geometry::from_wkt("POLYGON((8 0,12 0,12 10,8 10,8 0))"));
  // 3: empty owner never matches.
  g.push_back(geo::Geometry());
  return g;
}

TEST(PolygonIndex, ContainsHonoursHolesPartsAndOverlaps) {
  const geo::PolygonIndex index(fixture());
  EXPECT_EQ(index.containing(1, 1), std::vector<std::size_t>({0}));
  EXPECT_TRUE(index.containing(5, 5).empty()) << "inside the hole";
  EXPECT_EQ(index.containing(45, 5), std::vector<std::size_t>({1}));
  EXPECT_TRUE(index.containing(35, 5).empty()) << "between the parts";
  EXPECT_EQ(index.containing(9, 5), std::vector<std::size_t>({0, 2}));
  EXPECT_TRUE(index.containing(-1, 5).empty());
}

TEST(PolygonIndex, NearestMeasuresMetresToTheBoundary) {
  const geo::PolygonIndex index(fixture());
  // 0.001 degrees west of x = 0 on the equator is about 111 m.
  auto n = index.nearest(-0.001, 5, 500);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->id, 0u);
  EXPECT_NEAR(n->metres, 111.32, 0.5);
  EXPECT_FALSE(index.nearest(-0.01, 5, 500).has_value()) << "1.1 km is beyond 500 m";
}

TEST(PolygonIndex, OverlappingReportsAreasAndShares) {
  const geo::PolygonIndex index(fixture());
  const auto query = geo::Geometry::from_wkt("POLYGON((9 0,11 0,11 10,9 10,9 0))");
  const auto o = index.overlapping(query);
  ASSERT_EQ(o.size(), 2u);
  EXPECT_EQ(o[0].id, 0u);
  EXPECT_DOUBLE_EQ(o[0].area, 10.0);
  EXPECT_DOUBLE_EQ(o[0].share_of_query, 0.5);
  EXPECT_DOUBLE_EQ(o[0].share_of_polygon, 10.0 / 96.0);
  EXPECT_EQ(o[1].id, 2u);
  EXPECT_DOUBLE_EQ(o[1].area, 20.0);
}

TEST(PolygonIndex, RejectsNonPolygons) {
  std::vector<geo::Geometry> g;
  g.push_back(geo::Geometry::point(1, 1));
  EXPECT_THROW(geo::PolygonIndex index(std::move(g)), geo::Error);
}

}  // namespace
