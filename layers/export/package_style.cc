#include "layers/export/package_style.h"

#include <cstdio>

#include "layers/tiles/tile_metadata.h"
#include "layers/tiles/tiles_palette.h"

namespace layers {

namespace {

using nlohmann::json;

constexpr const char* kSource = "territorio";

std::string hex(const geo::Rgba& c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

// ["step", ["get", "initiatives"], none, 1, c1, 2, c2, ...]: the count classes.
json choropleth() {
  const auto& classes = palette(Measure::initiatives);
  json e = json::array({"step", json::array({"get", "initiatives"}), hex(classes.front().colour)});
  for (std::size_t i = 1; i < classes.size(); ++i) {
    e.push_back(classes[i].lower);
    e.push_back(hex(classes[i].colour));
  }
  return e;
}

json layer(const std::string& id, const char* type, const std::string& source_layer, json paint) {
  return {{"id", id}, {"type", type}, {"source", kSource}, {"source-layer", source_layer}, {"paint", std::move(paint)}};
}

}  // namespace

json package_style(TileLayer tiles, const std::string& source_url) {
  json layers = json::array({{{"id", "background"}, {"type", "background"}, {"paint", {{"background-color", "#f4f4f2"}}}}});
  const std::string boundary = hex(kBoundaryColour);
  for (const std::string& l : mvt_layer_names(tiles)) {
    if (l == kInitiativePointsLayer) {
      layers.push_back(layer(l, "circle", l,
                             {{"circle-radius", 4}, {"circle-color", "#d95f02"}, {"circle-stroke-color", "#ffffff"},
                              {"circle-stroke-width", 1}}));
    } else if (l == kFootprintsLayer) {
      layers.push_back(layer(l, "fill", l, {{"fill-color", "#d95f02"}, {"fill-opacity", 0.25}}));
      layers.push_back(layer(l + "-outline", "line", l, {{"line-color", "#d95f02"}, {"line-width", 1}}));
    } else if (l == tile_layer_name(TileLayer::census_zones)) {
      layers.push_back(layer(l, "circle", l, {{"circle-radius", 2}, {"circle-color", "#1d91c0"}}));
    } else {
      layers.push_back(layer(l, "fill", l, {{"fill-color", choropleth()}}));
      layers.push_back(layer(l + "-boundary", "line", l, {{"line-color", boundary}, {"line-width", 0.5}}));
    }
  }
  const std::string name(tile_layer_name(tiles));
  return {{"version", 8},
          {"name", "territorio " + name},
          {"sources", {{kSource, {{"type", "vector"}, {"url", source_url}, {"attribution", kTileAttribution}}}}},
          {"layers", layers}};
}

}  // namespace layers
