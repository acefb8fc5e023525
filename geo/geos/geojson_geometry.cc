#include "geo/geos/geojson_geometry.h"

#include <charconv>
#include <cmath>

#include "geo/error.h"
#include "geo/geos/geos_context.h"

namespace geo {
namespace {

void append_position(std::string& out, double x, double y, const CoordinateFormat& f) {
  if (f.transform) f.transform->transform(x, y);
  if (f.swap_axes) std::swap(x, y);
  out += '[';
  append_fixed(out, x, f.precision);
  out += ',';
  append_fixed(out, y, f.precision);
  out += ']';
}

void append_sequence(std::string& out, GEOSContextHandle_t h, const GEOSGeometry* g, const CoordinateFormat& f,
                     bool single) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, g);
  unsigned int n = 0;
  if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n)) geos_context().fail("reading coordinates");
  if (!single) out += '[';
  for (unsigned int i = 0; i < n; ++i) {
    double x = 0, y = 0;
    GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
    if (i) out += ',';
    append_position(out, x, y, f);
  }
  if (!single) out += ']';
}

void append_polygon_rings(std::string& out, GEOSContextHandle_t h, const GEOSGeometry* g, const CoordinateFormat& f) {
  out += '[';
  append_sequence(out, h, GEOSGetExteriorRing_r(h, g), f, false);
  const int holes = GEOSGetNumInteriorRings_r(h, g);
  for (int i = 0; i < holes; ++i) {
    out += ',';
    append_sequence(out, h, GEOSGetInteriorRingN_r(h, g, i), f, false);
  }
  out += ']';
}

// Collections nest; GEOS allows any depth, the writer does not recurse past this.
constexpr int kMaxCollectionDepth = 32;

void append_geometry(std::string& out, GEOSContextHandle_t h, const GEOSGeometry* g, const CoordinateFormat& f,
                     int depth) {
  const int type = GEOSGeomTypeId_r(h, g);
  const int parts = GEOSGetNumGeometries_r(h, g);
  switch (type) {
    case GEOS_POINT:
      if (GEOSisEmpty_r(h, g)) {
        out += "{\"type\":\"Point\",\"coordinates\":[]}";
        return;
      }
      out += "{\"type\":\"Point\",\"coordinates\":";
      append_sequence(out, h, g, f, true);
      break;
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
      out += "{\"type\":\"LineString\",\"coordinates\":";
      append_sequence(out, h, g, f, false);
      break;
    case GEOS_POLYGON:
      out += "{\"type\":\"Polygon\",\"coordinates\":";
      if (GEOSisEmpty_r(h, g))
        out += "[]";
      else
        append_polygon_rings(out, h, g, f);
      break;
    case GEOS_MULTIPOINT:
    case GEOS_MULTILINESTRING:
    case GEOS_MULTIPOLYGON: {
      out += type == GEOS_MULTIPOINT        ? "{\"type\":\"MultiPoint\",\"coordinates\":["
             : type == GEOS_MULTILINESTRING ? "{\"type\":\"MultiLineString\",\"coordinates\":["
                                            : "{\"type\":\"MultiPolygon\",\"coordinates\":[";
      for (int i = 0; i < parts; ++i) {
        if (i) out += ',';
        const GEOSGeometry* part = GEOSGetGeometryN_r(h, g, i);
        if (type == GEOS_MULTIPOLYGON)
          append_polygon_rings(out, h, part, f);
        else
          append_sequence(out, h, part, f, type == GEOS_MULTIPOINT);
      }
      out += ']';
      break;
    }
    default: {  // GeometryCollection
      if (depth >= kMaxCollectionDepth)
        throw GeometryError("geometry collections nested deeper than " + std::to_string(kMaxCollectionDepth));
      out += "{\"type\":\"GeometryCollection\",\"geometries\":[";
      for (int i = 0; i < parts; ++i) {
        if (i) out += ',';
        append_geometry(out, h, GEOSGetGeometryN_r(h, g, i), f, depth + 1);
      }
      out += ']';
    }
  }
  out += '}';
}

}  // namespace

void append_fixed(std::string& out, double v, int precision) {
  if (!std::isfinite(v)) throw GeometryError("a coordinate is not a finite number");
  char buf[64];
  if (precision < 0) {
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    const std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
    out.append(text == "-0" ? "0" : text);
    return;
  }
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, precision);
  char* end = r.ptr;
  if (precision > 0) {
    while (end[-1] == '0') --end;
    if (end[-1] == '.') --end;
  }
  std::string_view text(buf, static_cast<std::size_t>(end - buf));
  if (text == "-0") text = "0";
  out.append(text);
}

void append_geojson_geometry(std::string& out, const Geometry& g, const CoordinateFormat& format) {
  if (!g) {
    out += "null";
    return;
  }
  append_geometry(out, geos_handle(), g.get(), format, 0);
}

}  // namespace geo
