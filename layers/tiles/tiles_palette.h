#pragma once
// The choropleth of the raster tiles: what is measured, the class breaks
// and the colours (ColorBrewer YlGnBu, colour-blind safe; grey for none).
//
//   measure      classes (lower bound inclusive)                 colours
//   initiatives  0 | 1 | 2 | 3-4 | 5-9 | 10+                      #e0e0e0 #c7e9b4 #7fcdbb #41b6c4 #1d91c0 #0c2c84
//   per_100k     0 | >0-<1 | 1-<2 | 2-<5 | 5-<10 | 10+            same six colours
//   covered      not covered | covered                            #e0e0e0 #1d91c0
//
// Boundaries are drawn in #ffffff at 0.5 px (1 px at @2x) over the fill.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/raster/raster_canvas.h"
#include "layers/tiles/tiles.h"

namespace layers {

enum class Measure { initiatives, per_100k, covered };
std::optional<Measure> parse_measure(std::string_view text);
std::string_view measure_name(Measure m);
const std::vector<std::string>& measure_names();

struct ColourClass {
  double lower;  // inclusive lower bound of the class
  geo::Rgba colour;
  std::string label;
};
const std::vector<ColourClass>& palette(Measure m);
// The class index of a unit's value.
std::size_t class_of(Measure m, const UnitStats& s);
inline constexpr geo::Rgba kBoundaryColour{255, 255, 255, 255};

}  // namespace layers
