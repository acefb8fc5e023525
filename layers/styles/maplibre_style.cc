#include "layers/styles/maplibre_style.h"

#include "layers/tiles/tile_metadata.h"
#include "layers/tiles/tiles_palette.h"
#include "layers/tiles/tileset.h"

namespace layers {

using nlohmann::json;

std::string style_tile_template(const ChoroplethStyle& s, const std::string& base_url) {
  return base_url + "/tiles/" + std::string(tile_layer_name(s.layer)) + "/{z}/{x}/{y}.mvt";
}

nlohmann::json maplibre_style(const ChoroplethStyle& s, const std::string& base_url) {
  return maplibre_style_over(s, {{"type", "vector"},
                                 {"tiles", json::array({style_tile_template(s, base_url)})},
                                 {"minzoom", 0},
                                 {"maxzoom", kMaxTileZoom},
                                 {"attribution", kTileAttribution}});
}

nlohmann::json maplibre_style_over(const ChoroplethStyle& s, nlohmann::json source) {
  // ["step", value, colour0, lower1, colour1, ...]: a class from its lower
  // bound on, as in the palette. to-number makes covered's true/false 1/0
  // and a missing value 0.
  json colour = json::array({"step", json::array({"to-number", json::array({"get", s.property}), 0}),
                             s.classes.front().colour});
  for (std::size_t k = 1; k < s.classes.size(); ++k) {
    colour.push_back(s.classes[k].lower);
    colour.push_back(s.classes[k].colour);
  }
  const std::string boundary = hex_colour(kBoundaryColour);
  json layers = json::array({{{"id", "background"}, {"type", "background"}, {"paint", {{"background-color", "#ffffff"}}}}});
  const std::string prefix = std::string(tile_layer_name(s.layer)) + "-" + s.id;
  if (s.points) {
    layers.push_back({{"id", prefix},
                      {"type", "circle"},
                      {"source", "territorio"},
                      {"source-layer", s.mvt_layer},
                      {"paint", {{"circle-color", colour}, {"circle-radius", 3}, {"circle-stroke-color", boundary},
                                 {"circle-stroke-width", 0.5}}}});
  } else {
    layers.push_back({{"id", prefix + "-fill"},
                      {"type", "fill"},
                      {"source", "territorio"},
                      {"source-layer", s.mvt_layer},
                      {"paint", {{"fill-color", colour}}}});
    layers.push_back({{"id", prefix + "-boundary"},
                      {"type", "line"},
                      {"source", "territorio"},
                      {"source-layer", s.mvt_layer},
                      {"paint", {{"line-color", boundary}, {"line-width", 0.5}}}});
  }
  json legend = json::array();
  for (const StyleClass& c : s.classes) legend.push_back({{"lower", c.lower}, {"colour", c.colour}, {"label", c.label}});
  return {{"version", 8},
          {"name", s.title},
          {"metadata", {{"territorio:style", s.id}, {"territorio:classes", legend}}},
          {"sources", {{"territorio", std::move(source)}}},
          {"layers", layers}};
}

}  // namespace layers
