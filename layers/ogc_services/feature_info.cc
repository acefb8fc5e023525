#include "layers/ogc_services/feature_info.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "layers/coverage/coverage.h"
#include "layers/styles/style_xml.h"

namespace layers {

std::optional<UnitInfo> unit_at(const Snapshot& snapshot, TileLayer layer, Measure measure, Division division,
                                const InitiativeFilter& filter, double lon, double lat) {
  const std::optional<Level> level = tile_layer_level(layer);
  if (!level) return std::nullopt;
  division = tile_layer_division(layer).value_or(division);
  const Catalog& catalog = snapshot.registry().catalog();
  const PointMatch m = catalog.locate(lon, lat);
  if (!m.commune || (m.basis != PointBasis::inside && m.basis != PointBasis::inside_overlap)) return std::nullopt;
  const Unit* unit = *level == Level::commune ? m.commune : catalog.ancestor(division, *m.commune, *level);
  if (!unit) return std::nullopt;
  const auto& list = snapshot.tileset().unit_list(*level, division);
  const auto at = std::find_if(list.begin(), list.end(), [&](const Unit* u) { return u->code == unit->code; });
  if (at == list.end()) return std::nullopt;
  const UnitStats& s = (*snapshot.unit_stats(*level, division, filter))[static_cast<std::size_t>(at - list.begin())];
  UnitInfo info{layer, division, *at, s.initiatives,
                std::round(per_100k(static_cast<std::size_t>(s.initiatives), (*at)->population) * 100) / 100,
                s.covered, palette(measure)[class_of(measure, s)].label};
  return info;
}

namespace {

std::string figure(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

std::string feature_info_geojson(const std::vector<UnitInfo>& units) {
  nlohmann::json features = nlohmann::json::array();
  for (const UnitInfo& u : units)
    features.push_back({{"type", "Feature"},
                        {"id", u.unit->code},
                        {"geometry", nullptr},
                        {"properties",
                         {{"layer", std::string(tile_layer_name(u.layer))},
                          {"division", std::string(division_name(u.division))},
                          {"level", std::string(level_name(u.unit->level))},
                          {"code", u.unit->code},
                          {"name", u.unit->name},
                          {"population", u.unit->population},
                          {"initiatives", u.initiatives},
                          {"per_100k", u.per_100k},
                          {"covered", u.covered},
                          {"class", u.class_label}}}});
  return nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump();
}

std::string feature_info_html(const std::vector<UnitInfo>& units) {
  using style_xml::escape;
  std::string out =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Feature info</title></head><body>\n";
  if (units.empty()) out += "<p>No unit here.</p>\n";
  for (const UnitInfo& u : units) {
    out += "<table>\n<caption>" + escape(u.unit->name) + " (" + escape(u.unit->code) + ")</caption>\n";
    out += "<tr><th>layer</th><td>" + escape(tile_layer_name(u.layer)) + "</td></tr>\n";
    out += "<tr><th>population</th><td>" + std::to_string(u.unit->population) + "</td></tr>\n";
    out += "<tr><th>initiatives</th><td>" + std::to_string(u.initiatives) + "</td></tr>\n";
    out += "<tr><th>per_100k</th><td>" + figure(u.per_100k) + "</td></tr>\n";
    out += std::string("<tr><th>covered</th><td>") + (u.covered ? "true" : "false") + "</td></tr>\n";
    out += "<tr><th>class</th><td>" + escape(u.class_label) + "</td></tr>\n</table>\n";
  }
  return out + "</body></html>\n";
}

std::string feature_info_text(const std::vector<UnitInfo>& units) {
  if (units.empty()) return "no unit here\n";
  std::string out;
  for (const UnitInfo& u : units) {
    out += "Layer '" + std::string(tile_layer_name(u.layer)) + "'\n";
    out += "  code = " + u.unit->code + "\n";
    out += "  name = " + u.unit->name + "\n";
    out += "  population = " + std::to_string(u.unit->population) + "\n";
    out += "  initiatives = " + std::to_string(u.initiatives) + "\n";
    out += "  per_100k = " + figure(u.per_100k) + "\n";
    out += std::string("  covered = ") + (u.covered ? "true" : "false") + "\n";
    out += "  class = " + u.class_label + "\n";
  }
  return out;
}

}  // namespace layers
