#include <gtest/gtest.h>

#include <cmath>

#include "geo/mvt/mvt_geometry.h"
#include "geo/mvt/mvt_validity.h"

namespace {

using geo::FlatPolygon;

// Tile 0/0/0 with extent 4096 and buffer 64: the clip square is [-64, 4160]^2.
const geo::TileGrid kGrid{geo::TileTransform({0, 0, 0}, 4096), 4096, 64};

// A closed Web Mercator ring from tile-unit points.
std::vector<double> ring(std::initializer_list<std::pair<double, double>> pts) {
  const double s = kGrid.transform.scale();
  std::vector<double> r;
  for (const auto& [x, y] : pts) {
    r.push_back(x / s - geo::kMercatorHalfWorld);
    r.push_back(geo::kMercatorHalfWorld - y / s);
  }
  r.push_back(r[0]);
  r.push_back(r[1]);
  return r;
}

// The polygon back as closed flat rings, for the validity check.
FlatPolygon flat(const geo::mvt::Polygon& p) {
  FlatPolygon out;
  for (const auto& r : p) {
    out.rings.emplace_back();
    for (const auto& q : r) out.rings.back().insert(out.rings.back().end(), {double(q.x), double(q.y)});
  }
  return out;
}

double area(const geo::mvt::Polygon& p) {
  double a = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    double s = 0;
    for (std::size_t k = 0; k + 1 < p[i].size(); ++k)
      s += double(p[i][k].x) * p[i][k + 1].y - double(p[i][k + 1].x) * p[i][k].y;
    a += i == 0 ? std::abs(s) / 2 : -std::abs(s) / 2;
  }
  return a;
}

// An arch whose top lies outside the tile: clipping must give its two legs
// as separate polygons, not one ring joined along the tile border.
TEST(MvtClip, PolygonLeavingAndReenteringGivesSeparateValidParts) {
  const FlatPolygon arch{{ring({{1000, -1000}, {3000, -1000}, {3000, 1000}, {2500, 1000}, {2500, -500},
                                {1500, -500}, {1500, 1000}, {1000, 1000}})}};
  const auto out = geo::tile_polygons({arch}, kGrid);
  ASSERT_EQ(out.size(), 2u);
  double total = 0;
  for (const auto& p : out) {
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].size(), 5u);  // four corners, closed
    EXPECT_TRUE(geo::surely_valid(flat(p)));
    EXPECT_DOUBLE_EQ(area(p), 500.0 * 1064);
    for (const auto& q : p[0]) EXPECT_TRUE(q.y == -64 || q.y == 1000);
    total += area(p);
  }
  EXPECT_DOUBLE_EQ(total, 2 * 500.0 * 1064);
}

// A hole cut by the border opens into a notch of the exterior.
TEST(MvtClip, HoleCrossingTheBorderBecomesANotch) {
  const FlatPolygon holed{{ring({{1000, -1000}, {3000, -1000}, {3000, 1000}, {1000, 1000}}),
                           ring({{1500, -500}, {1500, 500}, {2500, 500}, {2500, -500}})}};
  const auto out = geo::tile_polygons({holed}, kGrid);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].size(), 1u);
  EXPECT_EQ(out[0][0].size(), 9u);  // eight corners, closed
  EXPECT_TRUE(geo::surely_valid(flat(out[0])));
  EXPECT_DOUBLE_EQ(area(out[0]), 2000.0 * 1064 - 1000.0 * 564);
}

// A polygon covering the tile comes out as the clip square; one wholly
// inside keeps its vertices (the path without clipping).
TEST(MvtClip, CoveringAndInsidePolygons) {
  const FlatPolygon big{{ring({{-9000, -9000}, {9000, -9000}, {9000, 9000}, {-9000, 9000}})}};
  const auto cover = geo::tile_polygons({big}, kGrid);
  ASSERT_EQ(cover.size(), 1u);
  EXPECT_DOUBLE_EQ(area(cover[0]), 4224.0 * 4224);
  const auto inside = geo::tile_polygons({{{ring({{10, 10}, {20, 10}, {20, 30}})}}}, kGrid);
  ASSERT_EQ(inside.size(), 1u);
  EXPECT_EQ(inside[0][0], (geo::mvt::Ring{{10, 10}, {20, 10}, {20, 30}, {10, 10}}));
  EXPECT_TRUE(geo::tile_polygons({{{ring({{5000, 5000}, {6000, 5000}, {6000, 6000}})}}}, kGrid).empty());
}

}  // namespace
