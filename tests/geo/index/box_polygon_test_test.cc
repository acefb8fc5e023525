#include "geo/index/box_polygon_test.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

#include "geo/gdal/gdal_dataset.h"
#include "geo/geos/geometry.h"
#include "geo/geos/predicates.h"

namespace {

using Answer = geo::BoxPolygonTest::Answer;

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

geo::Geometry rectangle(const geo::Envelope& e) {
  return geo::Geometry::from_wkt("POLYGON((" + num(e.min_x) + " " + num(e.min_y) + "," + num(e.max_x) + " " +
                                 num(e.min_y) + "," + num(e.max_x) + " " + num(e.max_y) + "," + num(e.min_x) + " " +
                                 num(e.max_y) + "," + num(e.min_x) + " " + num(e.min_y) + "))");
}

bool geos_says(const geo::Geometry& g, const geo::Envelope& box) {
  return geo::relate(geo::Relation::intersects, rectangle(box), g);
}

// A 10x10 square with a 4x4 hole, and a triangle part east of it.
const char* kShape = "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0),(3 3,7 3,7 7,3 7,3 3)),((20 0,30 0,20 10,20 0)))";

TEST(BoxPolygonTest, SettlesWhatCoordinatesAloneDecide) {
  const auto g = geo::Geometry::from_wkt(kShape);
  const geo::BoxPolygonTest t(g);
  EXPECT_EQ(t.vertices(), 14u);
  EXPECT_EQ(t.test({1, 1, 2, 2}), Answer::yes) << "inside the shell, no edge near";
  EXPECT_EQ(t.test({4, 4, 6, 6}), Answer::no) << "inside the hole";
  EXPECT_EQ(t.test({12, 1, 18, 9}), Answer::no) << "between the parts";
  EXPECT_EQ(t.test({-5, -5, 40, 40}), Answer::yes) << "the box holds everything";
  EXPECT_EQ(t.test({9, 9, 11, 11}), Answer::yes) << "a vertex of the shell inside";
  EXPECT_EQ(t.test({10, 10, 11, 11}), Answer::yes) << "a vertex on the box's corner";
  EXPECT_EQ(t.test({20.5, 0.5, 21, 1}), Answer::unknown) << "inside the triangle, and the slanted edge's box";
  EXPECT_EQ(t.test({26, 6, 29, 9}), Answer::unknown) << "beyond the slanted edge, inside its box";
  // An edge through the box with no vertex inside: GEOS decides.
  EXPECT_EQ(t.test({4, -1, 6, 1}), Answer::unknown);
  EXPECT_EQ(t.test({4, 10, 6, 12}), Answer::unknown) << "touching an edge";
}

TEST(BoxPolygonTest, LeavesToGeosWhatIsNotPolygonalAndBoxesWithoutArea) {
  EXPECT_EQ(geo::BoxPolygonTest(geo::Geometry::point(1, 1)).test({0, 0, 2, 2}), Answer::unknown);
  EXPECT_EQ(geo::BoxPolygonTest(geo::Geometry()).test({0, 0, 2, 2}), Answer::unknown);
  EXPECT_EQ(geo::BoxPolygonTest(geo::Geometry::from_wkt("LINESTRING(0 0,1 1)")).test({0, 0, 2, 2}), Answer::unknown);
  const auto square = geo::Geometry::from_wkt("POLYGON((0 0,10 0,10 10,0 10,0 0))");
  EXPECT_EQ(geo::BoxPolygonTest(square).test({-1, 5, 11, 5}), Answer::unknown) << "a box without height";
  EXPECT_EQ(geo::BoxPolygonTest(square).test({5, 5, 5, 5}), Answer::unknown) << "a point";
}

TEST(BoxPolygonTest, AgreesWithGeosOnTheHandMadeShape) {
  const auto g = geo::Geometry::from_wkt(kShape);
  const geo::BoxPolygonTest t(g);
  // Every box with corners on a half-unit grid: touching, crossing, holding.
  int decided = 0, total = 0;
  for (int x0 = -2; x0 <= 62; ++x0)
    for (int y0 = -2; y0 <= 22; ++y0)
      for (int w : {0, 1, 3, 9, 25})
        for (int h : {0, 1, 4, 13}) {
          const geo::Envelope box{x0 / 2.0, y0 / 2.0, (x0 + w) / 2.0, (y0 + h) / 2.0};
          const Answer a = t.test(box);
          ++total;
          if (a == Answer::unknown) continue;
          ++decided;
          ASSERT_EQ(a == Answer::yes, geos_says(g, box)) << box.min_x << " " << box.min_y << " " << box.max_x << " "
                                                         << box.max_y;
        }
  EXPECT_EQ(total, 65 * 25 * 20);
  EXPECT_EQ(decided, 10159);  // 52 % of the 19,500 boxes with an area
}

// The communes the items benchmark queries (data/communes_hires.gpkg) and
// boxes drawn as it draws them, plus smaller ones: every settled answer is
// GEOS's, and GEOS is rarely needed.
TEST(BoxPolygonTest, AgreesWithGeosOnTheCommunes) {
  auto ds = geo::Dataset::open_vector(std::string(TERRITORIO_DATA_DIR) + "/communes_hires.gpkg");
  auto layer = ds.layer(0);
  std::vector<geo::Geometry> shapes;
  for (auto f = layer.next(); f.get(); f = layer.next()) shapes.push_back(f.geometry());
  ASSERT_EQ(shapes.size(), 345u);
  std::vector<geo::BoxPolygonTest> tests;
  std::vector<geo::Envelope> boxes;
  for (const auto& s : shapes) {
    tests.emplace_back(s);
    boxes.push_back(s.envelope());
  }
  std::mt19937_64 rng(18);
  std::uniform_real_distribution<double> u(0, 1);
  std::size_t candidates = 0, unknown = 0, yes = 0;
  for (int q = 0; q < 2000; ++q) {
    const double lon = -75 + u(rng) * 8.5, lat = -55 + u(rng) * 37;
    const double size = q % 2 ? 0.05 + u(rng) : 0.001 + u(rng) * 0.05;
    const geo::Envelope box{lon, lat, lon + size, lat + size * (0.5 + u(rng))};
    for (std::size_t i = 0; i < shapes.size(); ++i) {
      if (!boxes[i].intersects(box)) continue;
      ++candidates;
      const Answer a = tests[i].test(box);
      if (a == Answer::unknown) {
        ++unknown;
        continue;
      }
      yes += a == Answer::yes;
      ASSERT_EQ(a == Answer::yes, geos_says(shapes[i], box)) << "commune " << i << " box " << q;
    }
  }
  EXPECT_GT(yes, 0u);
  EXPECT_GT(candidates - yes - unknown, 0u);
  EXPECT_LT(unknown * 50, candidates) << unknown << " of " << candidates;
  std::printf("%zu candidates: %zu yes, %zu unknown\n", candidates, yes, unknown);
}

}  // namespace
