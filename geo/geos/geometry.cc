#include "geo/geos/geometry.h"

#include <algorithm>
#include <limits>

#include "geo/error.h"
#include "geo/geos/geos_context.h"

namespace geo {

Envelope Envelope::empty() {
  const double inf = std::numeric_limits<double>::infinity();
  return {inf, inf, -inf, -inf};
}

void Envelope::expand(const std::vector<double>& xy) {
  for (std::size_t k = 0; k + 1 < xy.size(); k += 2) {
    min_x = std::min(min_x, xy[k]);
    max_x = std::max(max_x, xy[k]);
    min_y = std::min(min_y, xy[k + 1]);
    max_y = std::max(max_y, xy[k + 1]);
  }
}

void Envelope::expand(const Envelope& o) {
  min_x = std::min(min_x, o.min_x);
  min_y = std::min(min_y, o.min_y);
  max_x = std::max(max_x, o.max_x);
  max_y = std::max(max_y, o.max_y);
}

void Geometry::Deleter::operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(geos_handle(), g); }

namespace {
// The WKB reader/writer and WKT reader/writer are per-thread objects too.
struct WkbReader {
  GEOSWKBReader* r = GEOSWKBReader_create_r(geos_handle());
  ~WkbReader() { GEOSWKBReader_destroy_r(geos_handle(), r); }
};
struct WkbWriter {
  GEOSWKBWriter* w = GEOSWKBWriter_create_r(geos_handle());
  ~WkbWriter() { GEOSWKBWriter_destroy_r(geos_handle(), w); }
};
struct WktReader {
  GEOSWKTReader* r = GEOSWKTReader_create_r(geos_handle());
  ~WktReader() { GEOSWKTReader_destroy_r(geos_handle(), r); }
};
}  // namespace

Geometry Geometry::from_wkb(const unsigned char* data, std::size_t size) {
  thread_local WkbReader reader;
  GEOSGeometry* g = GEOSWKBReader_read_r(geos_handle(), reader.r, data, size);
  if (!g) throw GeometryError("invalid WKB: " + geos_context().last_error());
  return Geometry(g);
}

Geometry Geometry::from_wkt(const std::string& wkt) {
  thread_local WktReader reader;
  GEOSGeometry* g = GEOSWKTReader_read_r(geos_handle(), reader.r, wkt.c_str());
  if (!g) throw GeometryError("invalid WKT: " + geos_context().last_error());
  return Geometry(g);
}

Geometry Geometry::point(double x, double y) {
  GEOSGeometry* g = GEOSGeom_createPointFromXY_r(geos_handle(), x, y);
  if (!g) geos_context().fail("creating a point");
  return Geometry(g);
}

Geometry Geometry::multi_polygon(std::vector<Geometry> polygons) {
  std::vector<GEOSGeometry*> parts;
  parts.reserve(polygons.size());
  for (auto& p : polygons) parts.push_back(p.release());
  GEOSGeometry* g = GEOSGeom_createCollection_r(geos_handle(), GEOS_MULTIPOLYGON, parts.data(),
                                                static_cast<unsigned>(parts.size()));
  if (!g) {
    for (auto* p : parts) GEOSGeom_destroy_r(geos_handle(), p);
    geos_context().fail("building a MultiPolygon");
  }
  return Geometry(g);
}

std::vector<unsigned char> Geometry::to_wkb() const {
  thread_local WkbWriter writer;
  std::size_t size = 0;
  unsigned char* buf = GEOSWKBWriter_write_r(geos_handle(), writer.w, g_.get(), &size);
  if (!buf) geos_context().fail("writing WKB");
  std::vector<unsigned char> out(buf, buf + size);
  GEOSFree_r(geos_handle(), buf);
  return out;
}

std::string Geometry::to_wkt(int precision) const {
  GEOSWKTWriter* w = GEOSWKTWriter_create_r(geos_handle());
  GEOSWKTWriter_setRoundingPrecision_r(geos_handle(), w, precision);
  GEOSWKTWriter_setTrim_r(geos_handle(), w, 1);
  char* text = GEOSWKTWriter_write_r(geos_handle(), w, g_.get());
  GEOSWKTWriter_destroy_r(geos_handle(), w);
  if (!text) geos_context().fail("writing WKT");
  std::string out(text);
  GEOSFree_r(geos_handle(), text);
  return out;
}

Geometry Geometry::clone() const {
  if (!g_) return Geometry();
  GEOSGeometry* g = GEOSGeom_clone_r(geos_handle(), g_.get());
  if (!g) geos_context().fail("cloning a geometry");
  return Geometry(g);
}

int Geometry::type_id() const { return GEOSGeomTypeId_r(geos_handle(), g_.get()); }

bool Geometry::is_empty() const { return !g_ || GEOSisEmpty_r(geos_handle(), g_.get()) == 1; }

bool Geometry::is_polygonal() const {
  const int t = type_id();
  return t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON;
}

bool Geometry::is_puntal() const {
  const int t = type_id();
  return t == GEOS_POINT || t == GEOS_MULTIPOINT;
}

bool Geometry::is_valid() const {
  const char v = GEOSisValid_r(geos_handle(), g_.get());
  if (v == 2) geos_context().fail("checking validity");
  return v == 1;
}

std::string Geometry::invalid_reason() const {
  char* reason = GEOSisValidReason_r(geos_handle(), g_.get());
  if (!reason) geos_context().fail("checking validity");
  std::string out(reason);
  GEOSFree_r(geos_handle(), reason);
  return out;
}

Envelope Geometry::envelope() const {
  Envelope e;
  if (is_empty()) return e;
  if (!GEOSGeom_getXMin_r(geos_handle(), g_.get(), &e.min_x) ||
      !GEOSGeom_getYMin_r(geos_handle(), g_.get(), &e.min_y) ||
      !GEOSGeom_getXMax_r(geos_handle(), g_.get(), &e.max_x) ||
      !GEOSGeom_getYMax_r(geos_handle(), g_.get(), &e.max_y))
    geos_context().fail("computing an envelope");
  return e;
}

double Geometry::area() const {
  double a = 0;
  if (!GEOSArea_r(geos_handle(), g_.get(), &a)) geos_context().fail("computing an area");
  return a;
}

std::size_t Geometry::num_points() const {
  const int n = GEOSGetNumCoordinates_r(geos_handle(), g_.get());
  if (n < 0) geos_context().fail("counting coordinates");
  return static_cast<std::size_t>(n);
}

}  // namespace geo
