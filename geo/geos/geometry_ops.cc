#include "geo/geos/geometry_ops.h"

#include "geo/error.h"
#include "geo/geos/geos_context.h"

namespace geo {

namespace {
Geometry checked(GEOSGeometry* g, const char* what) {
  if (!g) geos_context().fail(what);
  return Geometry(g);
}

void collect_polygons(GEOSContextHandle_t h, const GEOSGeometry* g, std::vector<Geometry>& out) {
  const int type = GEOSGeomTypeId_r(h, g);
  if (type == GEOS_POLYGON) {
    if (!GEOSisEmpty_r(h, g)) out.push_back(checked(GEOSGeom_clone_r(h, g), "cloning a polygon"));
    return;
  }
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = GEOSGetNumGeometries_r(h, g);
    for (int i = 0; i < n; ++i) collect_polygons(h, GEOSGetGeometryN_r(h, g, i), out);
  }
}
}  // namespace

Geometry to_multi_polygon(const Geometry& g) {
  std::vector<Geometry> parts;
  collect_polygons(geos_handle(), g.get(), parts);
  return Geometry::multi_polygon(std::move(parts));
}

Geometry make_valid_polygonal(const Geometry& g) {
  auto h = geos_handle();
  GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(h);
  GEOSMakeValidParams_setMethod_r(h, params, GEOS_MAKE_VALID_STRUCTURE);
  GEOSMakeValidParams_setKeepCollapsed_r(h, params, 0);
  GEOSGeometry* fixed = GEOSMakeValidWithParams_r(h, g.get(), params);
  GEOSMakeValidParams_destroy_r(h, params);
  Geometry valid = checked(fixed, "repairing a geometry");
  return to_multi_polygon(valid);
}

Geometry union_all(const std::vector<const Geometry*>& parts) {
  auto h = geos_handle();
  std::vector<GEOSGeometry*> clones;
  clones.reserve(parts.size());
  for (const Geometry* p : parts) clones.push_back(p->clone().release());
  GEOSGeometry* coll = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                   static_cast<unsigned>(clones.size()));
  if (!coll) {
    for (auto* c : clones) GEOSGeom_destroy_r(h, c);
    geos_context().fail("collecting geometries for a union");
  }
  Geometry collection(coll);
  return checked(GEOSUnaryUnion_r(h, collection.get()), "computing a union");
}

Geometry densified(const Geometry& g, double max_segment) {
  return checked(GEOSDensify_r(geos_handle(), g.get(), max_segment), "densifying a geometry");
}

Geometry map_positions(const Geometry& g, const std::function<bool(double& x, double& y)>& map) {
  const auto call = [](double* x, double* y, void* data) -> int {
    return (*static_cast<const std::function<bool(double&, double&)>*>(data))(*x, *y) ? 1 : 0;
  };
  return checked(GEOSGeom_transformXY_r(geos_handle(), g.get(), call, const_cast<void*>(static_cast<const void*>(&map))),
                 "transforming positions");
}

Geometry intersection(const Geometry& a, const Geometry& b) {
  return checked(GEOSIntersection_r(geos_handle(), a.get(), b.get()), "computing an intersection");
}

double intersection_area(const Geometry& a, const Geometry& b) { return intersection(a, b).area(); }

Geometry point_on_surface(const Geometry& g) {
  return checked(GEOSPointOnSurface_r(geos_handle(), g.get()), "computing a point on surface");
}

Geometry centroid(const Geometry& g) {
  return checked(GEOSGetCentroid_r(geos_handle(), g.get()), "computing a centroid");
}

double distance(const Geometry& a, const Geometry& b) {
  double d = 0;
  if (!GEOSDistance_r(geos_handle(), a.get(), b.get(), &d)) geos_context().fail("computing a distance");
  return d;
}

bool intersects(const Geometry& a, const Geometry& b) {
  const char r = GEOSIntersects_r(geos_handle(), a.get(), b.get());
  if (r == 2) geos_context().fail("testing intersection");
  return r == 1;
}

namespace {
std::vector<double> ring_coords(GEOSContextHandle_t h, const GEOSGeometry* ring) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
  unsigned int n = 0;
  if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n)) geos_context().fail("reading a ring");
  std::vector<double> xy(2 * static_cast<std::size_t>(n));
  if (n > 0 && !GEOSCoordSeq_copyToBuffer_r(h, seq, xy.data(), 0, 0)) geos_context().fail("copying a ring");
  return xy;
}

void flatten_into(GEOSContextHandle_t h, const GEOSGeometry* g, std::vector<FlatPolygon>& out) {
  const int type = GEOSGeomTypeId_r(h, g);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(h, g)) return;
    FlatPolygon p;
    p.rings.push_back(ring_coords(h, GEOSGetExteriorRing_r(h, g)));
    const int holes = GEOSGetNumInteriorRings_r(h, g);
    for (int i = 0; i < holes; ++i) p.rings.push_back(ring_coords(h, GEOSGetInteriorRingN_r(h, g, i)));
    out.push_back(std::move(p));
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = GEOSGetNumGeometries_r(h, g);
    for (int i = 0; i < n; ++i) flatten_into(h, GEOSGetGeometryN_r(h, g, i), out);
  }
}
}  // namespace

std::vector<FlatPolygon> flatten_polygons(const Geometry& g) {
  std::vector<FlatPolygon> out;
  flatten_into(geos_handle(), g.get(), out);
  return out;
}

void point_xy(const Geometry& point, double& x, double& y) {
  if (point.type_id() != GEOS_POINT || point.is_empty()) throw GeometryError("not a point");
  if (!GEOSGeomGetX_r(geos_handle(), point.get(), &x) || !GEOSGeomGetY_r(geos_handle(), point.get(), &y))
    geos_context().fail("reading point coordinates");
}

std::vector<std::pair<double, double>> point_coordinates(const Geometry& g) {
  auto h = geos_handle();
  std::vector<std::pair<double, double>> out;
  auto read = [&](const GEOSGeometry* p) {
    double x = 0, y = 0;
    if (GEOSGeomTypeId_r(h, p) != GEOS_POINT || GEOSisEmpty_r(h, p)) throw GeometryError("not a point");
    if (!GEOSGeomGetX_r(h, p, &x) || !GEOSGeomGetY_r(h, p, &y)) geos_context().fail("reading point coordinates");
    out.emplace_back(x, y);
  };
  if (g.type_id() == GEOS_POINT) {
    read(g.get());
  } else if (g.type_id() == GEOS_MULTIPOINT) {
    const int n = GEOSGetNumGeometries_r(h, g.get());
    for (int i = 0; i < n; ++i) read(GEOSGetGeometryN_r(h, g.get(), i));
  } else {
    throw GeometryError("not a point or multipoint");
  }
  return out;
}

}  // namespace geo
