#pragma once
// A vector PDF document drawn with Cairo into memory: pages of a fixed size
// in points (1/72 inch), x right, y down; polygons, rectangles, lines and
// text in DejaVu Sans through Cairo's own text API, embedded as a subset
// with its Unicode map, so the text can be selected and extracted.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "geo/geos/geometry_ops.h"
#include "geo/raster/raster_canvas.h"

namespace geo {

// ISO 216 A4, portrait.
inline constexpr double kA4WidthPt = 595.276;
inline constexpr double kA4HeightPt = 841.89;

struct PdfFont {
  double size = 10;
  bool bold = false;
};

// Document information dictionary entries.
struct PdfMetadata {
  std::string title, subject, creator;
};

class PdfDocument {
 public:
  PdfDocument(double width_pt, double height_pt, const PdfMetadata& metadata = {});
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  double width() const { return width_; }
  double height() const { return height_; }

  // Fills polygons (even-odd holes) and strokes their rings (width 0: no stroke).
  void draw_polygons(const std::vector<FlatPolygon>& polygons, Rgba fill, Rgba stroke, double stroke_width);
  // Strokes the rings only.
  void stroke_polygons(const std::vector<FlatPolygon>& polygons, Rgba stroke, double stroke_width);
  void fill_rect(double x, double y, double w, double h, Rgba fill);
  void stroke_rect(double x, double y, double w, double h, Rgba stroke, double stroke_width);
  void line(double x0, double y0, double x1, double y1, Rgba colour, double stroke_width);
  // Drawing after push_clip() shows only inside the rectangle, until pop_clip().
  void push_clip(double x, double y, double w, double h);
  void pop_clip();

  // Text with its baseline starting at (x, y). Invalid UTF-8 is replaced
  // by U+FFFD so one bad byte cannot fail the document. Returns the advance.
  double text(double x, double y, std::string_view utf8, PdfFont font, Rgba colour);
  double text_width(std::string_view utf8, PdfFont font) const;

  // Ends the current page and starts the next one.
  void next_page();
  // Ends the last page and returns the document's bytes. Throws
  // std::runtime_error if Cairo failed anywhere; the document is unusable after.
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  double width_, height_;
};

}  // namespace geo
