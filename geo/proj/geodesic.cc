#include "geo/proj/geodesic.h"

#include <geodesic.h>

#include <cmath>

#include "geo/geos/geometry_ops.h"

namespace geo {

namespace {
double ring_area(const geod_geodesic& ellipsoid, const std::vector<double>& xy) {
  geod_polygon poly;
  geod_polygon_init(&poly, 0);
  // The closing point repeats the first: skip it, geod closes rings itself.
  const std::size_t n = xy.size() / 2;
  for (std::size_t i = 0; i + 1 < n; ++i) geod_polygon_addpoint(&ellipsoid, &poly, xy[2 * i + 1], xy[2 * i]);
  double area = 0;
  geod_polygon_compute(&ellipsoid, &poly, 0, 1, &area, nullptr);
  return std::fabs(area);
}

const geod_geodesic& wgs84() {
  static const geod_geodesic e = [] {
    geod_geodesic g;
    geod_init(&g, 6378137.0, 1 / 298.257223563);
    return g;
  }();
  return e;
}
}  // namespace

double geodesic_area_m2(const Geometry& g) {
  double total = 0;
  for (const FlatPolygon& p : flatten_polygons(g)) {
    for (std::size_t r = 0; r < p.rings.size(); ++r) {
      const double a = ring_area(wgs84(), p.rings[r]);
      total += r == 0 ? a : -a;
    }
  }
  return total;
}

double geodesic_distance_m(double lon1, double lat1, double lon2, double lat2) {
  double s12 = 0;
  geod_inverse(&wgs84(), lat1, lon1, lat2, lon2, &s12, nullptr, nullptr);
  return s12;
}

}  // namespace geo
