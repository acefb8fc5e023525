// densified and map_positions (geo/geos/geometry_ops.h): what filter-crs
// uses to bring a filter's geometries to CRS84.
#include <gtest/gtest.h>

#include "geo/error.h"
#include "geo/geos/geometry_ops.h"

namespace {

TEST(GeometryTransform, DensifiedSplitsLongSegmentsOnly) {
  const auto line = geo::Geometry::from_wkt("LINESTRING (0 0, 10 0, 10 1)");
  EXPECT_EQ(geo::densified(line, 2.5).to_wkt(1), "LINESTRING (0 0, 2.5 0, 5 0, 7.5 0, 10 0, 10 1)");
}

TEST(GeometryTransform, MapPositionsKeepsTheStructure) {
  const auto poly = geo::Geometry::from_wkt("MULTIPOLYGON (((0 0, 4 0, 4 2, 0 0)), ((10 10, 11 10, 11 11, 10 10)))");
  const auto swapped = geo::map_positions(poly, [](double& x, double& y) {
    std::swap(x, y);
    return true;
  });
  EXPECT_EQ(swapped.to_wkt(0), "MULTIPOLYGON (((0 0, 0 4, 2 4, 0 0)), ((10 10, 10 11, 11 11, 10 10)))");
  EXPECT_EQ(poly.to_wkt(0), "MULTIPOLYGON (((0 0, 4 0, 4 2, 0 0)), ((10 10, 11 10, 11 11, 10 10)))");
}

TEST(GeometryTransform, APositionWithoutImageIsAnError) {
  const auto point = geo::Geometry::from_wkt("POINT (1 2)");
  EXPECT_THROW(geo::map_positions(point, [](double&, double&) { return false; }), geo::GeosError);
}

}  // namespace
