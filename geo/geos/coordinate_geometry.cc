#include "geo/geos/coordinate_geometry.h"

#include <geos_c.h>

#include "geo/error.h"
#include "geo/geos/geos_context.h"

namespace geo {

namespace {
// A ring owned until it is handed to GEOS.
GEOSGeometry* make_ring(GEOSContextHandle_t h, const std::vector<double>& xy) {
  GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(h, xy.data(), xy.size() / 2, 0, 0);
  if (!seq) throw GeometryError("cannot build a ring: " + geos_context().last_error());
  GEOSGeometry* ring = GEOSGeom_createLinearRing_r(h, seq);  // takes seq, even on failure
  if (!ring) throw GeometryError("cannot build a ring: " + geos_context().last_error());
  return ring;
}
}  // namespace

Geometry polygon_from_rings(const std::vector<std::vector<double>>& rings) {
  if (rings.empty()) throw GeometryError("a polygon needs a ring");
  GEOSContextHandle_t h = geos_handle();
  Geometry shell(make_ring(h, rings[0]));
  std::vector<Geometry> holes;
  holes.reserve(rings.size() - 1);
  for (std::size_t i = 1; i < rings.size(); ++i) holes.emplace_back(make_ring(h, rings[i]));
  std::vector<GEOSGeometry*> hole_ptrs;
  hole_ptrs.reserve(holes.size());
  for (auto& g : holes) hole_ptrs.push_back(g.release());
  GEOSGeometry* poly = GEOSGeom_createPolygon_r(h, shell.release(), hole_ptrs.data(),
                                                static_cast<unsigned>(hole_ptrs.size()));
  if (!poly) geos_context().fail("building a polygon");  // GEOS has taken the rings
  return Geometry(poly);
}

Geometry multi_point_from_xy(const std::vector<double>& xy) {
  std::vector<Geometry> points;
  points.reserve(xy.size() / 2);
  for (std::size_t i = 0; i + 1 < xy.size(); i += 2) points.push_back(Geometry::point(xy[i], xy[i + 1]));
  std::vector<GEOSGeometry*> parts;
  parts.reserve(points.size());
  for (auto& p : points) parts.push_back(p.release());
  GEOSContextHandle_t h = geos_handle();
  GEOSGeometry* g = GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, parts.data(), static_cast<unsigned>(parts.size()));
  if (!g) {
    for (auto* p : parts) GEOSGeom_destroy_r(h, p);
    geos_context().fail("building a MultiPoint");
  }
  return Geometry(g);
}

}  // namespace geo
