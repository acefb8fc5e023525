#pragma once
// The map's choropleths as styles a client can load: for each tileset with
// map tiles, one style per class scheme of its PNG tiles (the measures of
// layers/tiles/tiles_palette.h; census zones: census_palette's population
// classes), with the same class lower bounds and colours. The encodings
// (maplibre_style, qml_style, sld_style) are built from this alone, so
// MapLibre, QGIS and the PNG tiles draw the same classes.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/raster/raster_canvas.h"
#include "layers/tiles/tiles.h"

namespace layers {

struct StyleClass {
  double lower;        // inclusive lower bound, as in the server palette
  std::string colour;  // #rrggbb
  std::string label;
};

struct ChoroplethStyle {
  std::string id;  // the measure (initiatives, per_100k, covered) or population
  std::string title;
  TileLayer layer;
  std::string mvt_layer;  // the MVT layer inside the tileset's vector tiles
  std::string property;   // the MVT property the classes apply to (a boolean for covered)
  bool points = false;    // census zones are points, the units polygons
  double resolution = 1;  // the step between the values the measure takes (per_100k: 0.001)
  // The measure over the feature collection's properties (items carry the
  // counts, not the measure), as a QGIS expression and as the inside of an
  // OGC Filter 1.1 expression.
  std::string qgis_expression;
  std::string filter_expression;
  std::vector<StyleClass> classes;
};

// The styles of a tileset, the default first; empty for one without map
// tiles and for initiatives (their map tiles draw points and footprints).
std::vector<ChoroplethStyle> choropleth_styles(TileLayer layer);
std::optional<ChoroplethStyle> find_choropleth_style(TileLayer layer, std::string_view id);
std::string hex_colour(geo::Rgba c);
// For encodings whose ranges are closed at both ends (QGIS): the boundary
// below class k (k >= 1) halfway between the last value of class k-1 and the
// first of class k, so a value on a palette bound falls in the same class as
// in the palette whichever end the client includes. Class 0 starts at its
// lower bound, the last class ends at kTopValue.
double class_boundary(const ChoroplethStyle& s, std::size_t k);
inline constexpr double kTopValue = 1e9;

}  // namespace layers
