#include "layers/styles/choropleth.h"

#include <cmath>
#include <cstdio>

#include "layers/tiles/census_tiles.h"
#include "layers/tiles/tiles_palette.h"

namespace layers {

namespace {

std::vector<StyleClass> classes_of(const std::vector<ColourClass>& palette) {
  std::vector<StyleClass> out;
  for (const ColourClass& c : palette) out.push_back({c.lower, hex_colour(c.colour), c.label});
  return out;
}

// The measures as the unit tiles compute them (layers/tiles/tiles.cc
// stats_of): in + enclosing initiatives; per 100,000 rounded to 0.001, 0
// without population.
constexpr const char* kTotalQgis = "(\"initiatives\" + \"initiatives_enclosing\")";
constexpr const char* kTotalFilter =
    "<ogc:Add><ogc:PropertyName>initiatives</ogc:PropertyName>"
    "<ogc:PropertyName>initiatives_enclosing</ogc:PropertyName></ogc:Add>";

ChoroplethStyle unit_style(TileLayer layer, Measure m) {
  ChoroplethStyle s;
  s.id = std::string(measure_name(m));
  s.layer = layer;
  s.mvt_layer = mvt_layer_names(layer).front();
  s.property = s.id;
  s.classes = classes_of(palette(m));
  const std::string name(tile_layer_name(layer));
  switch (m) {
    case Measure::initiatives:
      s.title = "Initiatives acting in each unit of " + name;
      s.qgis_expression = kTotalQgis;
      s.filter_expression = kTotalFilter;
      break;
    case Measure::per_100k:
      s.title = "Initiatives per 100,000 inhabitants, " + name;
      s.resolution = 0.001;
      s.qgis_expression = std::string("CASE WHEN \"population\" > 0 THEN round(") + kTotalQgis +
                          " * 100000.0 / \"population\", 3) ELSE 0 END";
      // Filter 1.1 has no rounding: a rate within 0.0005 under a bound may
      // fall in the class below it.
      s.filter_expression = std::string("<ogc:Div><ogc:Mul>") + kTotalFilter +
                            "<ogc:Literal>100000</ogc:Literal></ogc:Mul>"
                            "<ogc:PropertyName>population</ogc:PropertyName></ogc:Div>";
      break;
    case Measure::covered:
      s.title = "Units of " + name + " with at least one initiative";
      s.qgis_expression = std::string("CASE WHEN ") + kTotalQgis + " > 0 THEN 1 ELSE 0 END";
      s.filter_expression = kTotalFilter;  // covered from 1 initiative on: the same bounds
      break;
  }
  return s;
}

ChoroplethStyle census_style() {
  ChoroplethStyle s;
  s.id = "population";
  s.title = "Census zones by population (Censo 2017)";
  s.layer = TileLayer::census_zones;
  s.mvt_layer = std::string(tile_layer_name(TileLayer::census_zones));
  s.property = "population";
  s.points = true;
  s.qgis_expression = "\"population\"";
  s.filter_expression = "<ogc:PropertyName>population</ogc:PropertyName>";
  s.classes = classes_of(census_palette());
  return s;
}

}  // namespace

std::string hex_colour(geo::Rgba c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

std::vector<ChoroplethStyle> choropleth_styles(TileLayer layer) {
  // The initiatives' map tiles draw points and footprints, not classes.
  if (!tile_layer_has_map(layer) || layer == TileLayer::initiatives) return {};
  if (layer == TileLayer::census_zones) return {census_style()};
  // The PNG tiles' default measure first.
  return {unit_style(layer, Measure::initiatives), unit_style(layer, Measure::per_100k),
          unit_style(layer, Measure::covered)};
}

std::optional<ChoroplethStyle> find_choropleth_style(TileLayer layer, std::string_view id) {
  for (ChoroplethStyle& s : choropleth_styles(layer))
    if (s.id == id) return std::move(s);
  return std::nullopt;
}

double class_boundary(const ChoroplethStyle& s, std::size_t k) {
  if (k == 0) return s.classes.front().lower;
  if (k >= s.classes.size()) return kTopValue;
  // The first value the measure takes at or above the bound, less half a step.
  const double first = std::ceil(s.classes[k].lower / s.resolution - 1e-9) * s.resolution;
  return first - s.resolution / 2;
}

}  // namespace layers
