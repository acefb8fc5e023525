#pragma once
// Internal to geo/raster: what the PNG canvas and the PDF document share
// (tracing polygons into a Cairo path, Cairo output into a string).
#include <cairo.h>

#include <string>
#include <vector>

#include "geo/geos/geometry_ops.h"

namespace geo::detail {

inline void trace_polygons(cairo_t* cr, const std::vector<FlatPolygon>& polygons) {
  for (const FlatPolygon& p : polygons)
    for (const auto& ring : p.rings) {
      if (ring.size() < 6) continue;  // fewer than three points encloses nothing
      cairo_move_to(cr, ring[0], ring[1]);
      for (std::size_t k = 2; k + 1 < ring.size(); k += 2) cairo_line_to(cr, ring[k], ring[k + 1]);
      cairo_close_path(cr);
    }
}

// A cairo_write_func_t appending to the std::string* closure.
inline cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace geo::detail
