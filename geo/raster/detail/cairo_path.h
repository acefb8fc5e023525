#pragma once
// Internal to geo/raster: what the PNG canvas and the PDF document share
// (colours, tracing and painting polygons, Cairo output into a string).
#include <cairo.h>

#include <string>
#include <string_view>
#include <vector>

#include "geo/geos/geometry_ops.h"
#include "geo/raster/raster_canvas.h"
#include "geo/utf8.h"

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

inline void set_colour(cairo_t* cr, Rgba c) {
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

// Fills the current path and strokes its outline when stroke_width > 0.
inline void paint_path(cairo_t* cr, Rgba fill, Rgba stroke, double stroke_width) {
  set_colour(cr, fill);
  if (stroke_width > 0) {
    cairo_fill_preserve(cr);
    set_colour(cr, stroke);
    cairo_set_line_width(cr, stroke_width);
    cairo_stroke(cr);
  } else {
    cairo_fill(cr);
  }
}

// Fills polygons even-odd (holes stay open) and strokes their outlines when
// stroke_width > 0.
inline void paint_polygons(cairo_t* cr, const std::vector<FlatPolygon>& polygons, Rgba fill, Rgba stroke,
                           double stroke_width) {
  cairo_new_path(cr);
  trace_polygons(cr, polygons);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  paint_path(cr, fill, stroke, stroke_width);
}

inline constexpr const char* kFontFamily = "DejaVu Sans";

inline void select_font(cairo_t* cr, double size, bool bold) {
  cairo_select_font_face(cr, kFontFamily, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

// Cairo refuses invalid UTF-8 by failing the whole context: each invalid
// byte becomes U+FFFD.
inline std::string valid_utf8(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const std::size_t bad = invalid_utf8_offset(text);
    if (bad == std::string_view::npos) {
      out += text;
      break;
    }
    out += text.substr(0, bad);
    out += "\xEF\xBF\xBD";
    text.remove_prefix(bad + 1);
  }
  return out;
}

// A cairo_write_func_t appending to the std::string* closure.
inline cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Writes valid UTF-8 text with its baseline starting at (x, y) in the
// selected font; returns how far it advances.
inline double show_text(cairo_t* cr, double x, double y, const std::string& utf8, Rgba colour) {
  cairo_text_extents_t e;
  cairo_text_extents(cr, utf8.c_str(), &e);
  cairo_new_path(cr);
  cairo_move_to(cr, x, y);
  set_colour(cr, colour);
  cairo_show_text(cr, utf8.c_str());
  return e.x_advance;
}

}  // namespace geo::detail
