#include "layers/ogc_services/legend_graphic.h"

#include <cmath>
#include <cstdlib>

#include "geo/raster/raster_canvas.h"

namespace layers {

namespace {

constexpr double kTextSize = 12;
constexpr geo::Rgba kText{0x20, 0x20, 0x20, 255};
constexpr geo::Rgba kEdge{0x80, 0x80, 0x80, 255};

geo::Rgba parse_hex(const std::string& hex) {
  const unsigned long v = std::strtoul(hex.c_str() + 1, nullptr, 16);
  return {static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v), 255};
}

}  // namespace

std::pair<int, int> legend_size(const ChoroplethStyle& style) {
  const geo::RasterCanvas probe(1, 1);
  double widest = 0;
  for (const StyleClass& c : style.classes) widest = std::max(widest, probe.text_width(c.label, kTextSize));
  const int width = 2 * kLegendMargin + kLegendSwatch + 6 + static_cast<int>(std::ceil(widest));
  const int height = 2 * kLegendMargin + kLegendRow * static_cast<int>(style.classes.size());
  return {width, height};
}

std::string legend_png(const ChoroplethStyle& style) {
  const auto [width, height] = legend_size(style);
  geo::RasterCanvas canvas(width, height);
  double y = kLegendMargin;
  for (const StyleClass& c : style.classes) {
    const double top = y + (kLegendRow - kLegendSwatch) / 2.0;
    canvas.draw_rectangle(kLegendMargin + 0.5, top + 0.5, kLegendSwatch - 1, kLegendSwatch - 1, parse_hex(c.colour), kEdge, 1);
    canvas.draw_text(kLegendMargin + kLegendSwatch + 6, top + kLegendSwatch - 3, c.label, kTextSize, kText);
    y += kLegendRow;
  }
  return canvas.png();
}

}  // namespace layers
