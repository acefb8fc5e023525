#include "layers/export/package_style.h"

#include "layers/styles/choropleth.h"
#include "layers/styles/maplibre_style.h"
#include "layers/tiles/initiative_raster.h"
#include "layers/tiles/tile_metadata.h"
#include "layers/tiles/tiles_palette.h"

namespace layers {

namespace {

using nlohmann::json;

constexpr const char* kSource = "territorio";

json layer(const std::string& id, const char* type, const std::string& source_layer, json paint) {
  return {{"id", id}, {"type", type}, {"source", kSource}, {"source-layer", source_layer}, {"paint", std::move(paint)}};
}

// A tileset with no choropleth (initiatives, the combined territorio): its
// points and footprints in the colours of the initiatives' map tiles, units
// as outlines.
json layers_without_classes(TileLayer tiles) {
  const std::string colour = hex_colour(kInitiativeColour);
  json out = json::array({{{"id", "background"}, {"type", "background"}, {"paint", {{"background-color", "#ffffff"}}}}});
  for (const std::string& l : mvt_layer_names(tiles)) {
    if (l == kInitiativePointsLayer) {
      out.push_back(layer(l, "circle", l,
                          {{"circle-radius", 3}, {"circle-color", colour}, {"circle-stroke-color", "#ffffff"},
                           {"circle-stroke-width", 1}}));
    } else if (l == kFootprintsLayer) {
      out.push_back(layer(l, "fill", l, {{"fill-color", colour}, {"fill-opacity", kFootprintFill.a / 255.0}}));
      out.push_back(layer(l + "-outline", "line", l, {{"line-color", colour}, {"line-width", 1}}));
    } else {
      out.push_back(layer(l + "-boundary", "line", l, {{"line-color", hex_colour(kBoundaryColour)}, {"line-width", 0.5}}));
    }
  }
  return out;
}

}  // namespace

json package_style(TileLayer tiles, const std::string& source_url) {
  const json source = {{"type", "vector"}, {"url", source_url}, {"attribution", kTileAttribution}};
  // The server's default style of the tileset, as /collections/{id}/styles serves it.
  const std::vector<ChoroplethStyle> styles = choropleth_styles(tiles);
  if (!styles.empty()) return maplibre_style_over(styles.front(), source);
  return {{"version", 8},
          {"name", "territorio " + std::string(tile_layer_name(tiles))},
          {"sources", {{kSource, source}}},
          {"layers", layers_without_classes(tiles)}};
}

}  // namespace layers
