// Geometries built from flat coordinates, and the exact GeoJSON coordinate
// text (precision < 0) that the audit trail uses.
#include <gtest/gtest.h>

#include <string>

#include "geo/geos/coordinate_geometry.h"
#include "geo/geos/geojson_geometry.h"

namespace {

TEST(CoordinateGeometry, MultiPointFromInterleavedPositions) {
  EXPECT_EQ(geo::multi_point_from_xy({-70.5, -33.5, 1, 2}).to_wkt(1), "MULTIPOINT (-70.5 -33.5, 1 2)");
  const geo::Geometry empty = geo::multi_point_from_xy({});
  EXPECT_TRUE(empty.is_empty());
  EXPECT_TRUE(empty.is_puntal());
  EXPECT_EQ(empty.to_wkt(), "MULTIPOINT EMPTY");
}

TEST(CoordinateGeometry, ExactCoordinatesAreTheShortestTextThatReadsBack) {
  std::string out;
  for (double v : {0.1 + 0.2, -0.0, 1e-7, -70.0, 123456789.125}) {
    geo::append_fixed(out, v, -1);
    out += ' ';
  }
  EXPECT_EQ(out, "0.30000000000000004 0 1e-07 -70 123456789.125 ");
  out.clear();
  geo::CoordinateFormat exact;
  exact.precision = -1;
  geo::append_geojson_geometry(out, geo::Geometry::point(-70.1, 1.0 / 3), exact);
  EXPECT_EQ(out, R"({"type":"Point","coordinates":[-70.1,0.3333333333333333]})");
}

}  // namespace
