#pragma once
// A style's legend as a PNG (WMS GetLegendGraphic, the LegendURL of
// capabilities): one swatch per class, in the class colour with a grey
// edge, and its label beside it, top to bottom; transparent background.
#include <string>

#include "layers/styles/choropleth.h"

namespace layers {

inline constexpr int kLegendSwatch = 16;  // swatch side, pixels
inline constexpr int kLegendRow = 20;     // row height, pixels
inline constexpr int kLegendMargin = 4;

std::string legend_png(const ChoroplethStyle& style);
// The legend's size in pixels (as legend_png draws it), for capabilities.
std::pair<int, int> legend_size(const ChoroplethStyle& style);

}  // namespace layers
