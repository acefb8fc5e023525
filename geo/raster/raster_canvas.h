#pragma once
// An RGBA canvas drawn with Cairo (anti-aliased), transparent until drawn
// on, encoded as PNG. Coordinates are pixels, x right, y down.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "geo/geos/geometry_ops.h"

namespace geo {

struct Rgba {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Rgba&) const = default;
};

class RasterCanvas {
 public:
  explicit RasterCanvas(int size_px);  // square
  RasterCanvas(int width_px, int height_px);
  ~RasterCanvas();
  RasterCanvas(const RasterCanvas&) = delete;
  RasterCanvas& operator=(const RasterCanvas&) = delete;

  int size() const { return width_; }
  int width() const { return width_; }
  int height() const { return height_; }
  // Fills polygons (pixel coordinates, even-odd holes) and strokes their
  // rings with `stroke` at `stroke_width` pixels (0: no stroke).
  void draw_polygons(const std::vector<FlatPolygon>& polygons, Rgba fill, Rgba stroke, double stroke_width);
  // Fills a disc of `radius` pixels around each centre (x, y) and strokes
  // its edge with `stroke` at `stroke_width` pixels (0: no stroke).
  void draw_discs(const std::vector<std::pair<double, double>>& centres, double radius, Rgba fill, Rgba stroke,
                  double stroke_width);
  // Fills an axis-aligned rectangle and strokes its edge (stroke_width 0: none).
  void draw_rectangle(double x, double y, double width, double height, Rgba fill, Rgba stroke, double stroke_width);
  // Draws UTF-8 text (DejaVu Sans, invalid bytes replaced) with its baseline
  // starting at (x, y), `size` pixels high; returns its advance in pixels.
  double draw_text(double x, double y, std::string_view utf8, double size, Rgba colour);
  // The advance of text drawn at `size` pixels, without drawing it.
  double text_width(std::string_view utf8, double size) const;
  std::string png() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int width_;
  int height_;
};

// A decoded PNG as RGBA rows (for tests and checks).
struct RgbaImage {
  int width = 0, height = 0;
  std::vector<Rgba> pixels;  // row-major
  Rgba at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)]; }
};
// Throws std::runtime_error if data is not a PNG.
RgbaImage decode_png(std::string_view data);

}  // namespace geo
