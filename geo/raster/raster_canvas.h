#pragma once
// A square RGBA canvas drawn with Cairo (anti-aliased), encoded as PNG.
// Coordinates are pixels, x right, y down.
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
  explicit RasterCanvas(int size_px);
  ~RasterCanvas();
  RasterCanvas(const RasterCanvas&) = delete;
  RasterCanvas& operator=(const RasterCanvas&) = delete;

  int size() const { return size_; }
  // Fills polygons (pixel coordinates, even-odd holes) and strokes their
  // rings with `stroke` at `stroke_width` pixels (0: no stroke).
  void draw_polygons(const std::vector<FlatPolygon>& polygons, Rgba fill, Rgba stroke, double stroke_width);
  // Fills a disc of `radius` pixels around each centre (x, y) and strokes
  // its edge with `stroke` at `stroke_width` pixels (0: no stroke).
  void draw_discs(const std::vector<std::pair<double, double>>& centres, double radius, Rgba fill, Rgba stroke,
                  double stroke_width);
  std::string png() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int size_;
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
