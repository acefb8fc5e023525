#include "server/routes/tiles_params.h"

#include <nlohmann/json.hpp>

#include "server/filter_params.h"
#include "server/http/errors.h"
#include "server/params.h"

namespace server::routes {

layers::TileLayer tile_layer_param(const http::Request& r) {
  const std::string& name = r.path_param("layer");
  if (auto l = layers::parse_tile_layer(name)) return *l;
  throw http::NotFound("no tile layer '" + name + "'", {{"layer", name}, {"allowed", layers::tile_layer_names()}});
}

geo::TileId tile_id_params(const http::Request& r, std::string_view y_text) {
  const auto z = geo::parse_tile_number(r.path_param("z"), static_cast<std::uint32_t>(layers::kMaxTileZoom));
  if (!z)
    throw http::BadRequest("z must be an integer from 0 to " + std::to_string(layers::kMaxTileZoom) + ", not '" +
                               r.path_param("z") + "'",
                           {{"parameter", "z"}, {"minimum", 0}, {"maximum", layers::kMaxTileZoom}});
  const std::uint32_t last = (1u << *z) - 1;
  auto coordinate = [&](const char* name, std::string_view text) {
    const auto v = geo::parse_tile_number(text, last);
    if (!v) {
      std::string detail = name;
      detail += " must be an integer from 0 to ";
      detail += std::to_string(last);
      detail += " at zoom ";
      detail += std::to_string(*z);
      detail += ", not '";
      detail += text;
      detail += "'";
      throw http::BadRequest(detail, {{"parameter", name}, {"minimum", 0}, {"maximum", last}});
    }
    return *v;
  };
  geo::TileId t;
  t.z = static_cast<int>(*z);
  t.x = coordinate("x", r.path_param("x"));
  t.y = coordinate("y", y_text);
  return t;
}

std::optional<std::vector<std::string>> properties_param(const http::Request& r, layers::TileLayer layer) {
  const std::vector<std::string> given = r.query_values("properties");
  if (given.empty()) return std::nullopt;
  std::vector<std::string> allowed;
  for (const std::string& l : layers::mvt_layer_names(layer))
    for (const auto& f : layers::tile_fields(l))
      if (std::find(allowed.begin(), allowed.end(), f.name) == allowed.end()) allowed.push_back(f.name);
  std::vector<std::string> out;
  for (const std::string& value : given) {
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t end = value.find(',', start);
      if (end == std::string::npos) end = value.size();
      std::string name = value.substr(start, end - start);
      start = end + 1;
      if (name.empty()) continue;
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
        throw http::BadRequest("unknown property '" + name + "' for tile layer " +
                                   std::string(layers::tile_layer_name(layer)),
                               {{"parameter", "properties"}, {"allowed", allowed}});
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
  }
  // A canonical order: cache keys of equal selections are equal.
  std::vector<std::string> ordered;
  for (const std::string& a : allowed)
    if (std::find(out.begin(), out.end(), a) != out.end()) ordered.push_back(a);
  return ordered;
}

void check_tile_params(const http::Request& r, const std::vector<std::string_view>& extra) {
  std::vector<std::string_view> allowed = filter_param_names();
  allowed.push_back("division");
  allowed.insert(allowed.end(), extra.begin(), extra.end());
  for (const auto& [name, value] : r.query) {
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    nlohmann::json names = nlohmann::json::array();
    for (auto a : allowed) names.push_back(std::string(a));
    throw http::BadRequest("unknown query parameter '" + name + "'", {{"parameter", name}, {"allowed", names}});
  }
}

void check_tile_matrix_set(const std::string& id) {
  if (id != "WebMercatorQuad")
    throw http::NotFound("no tile matrix set '" + id + "'", {{"tileMatrixSetId", id}, {"allowed", {"WebMercatorQuad"}}});
}

layers::TileQuery tile_query(const http::Request& r, const layers::Registry& registry, std::string_view y_text) {
  layers::TileQuery q;
  q.layer = tile_layer_param(r);
  q.tile = tile_id_params(r, y_text);
  tile_filter_params(r, registry, q);
  return q;
}

void tile_filter_params(const http::Request& r, const layers::Registry& registry, layers::TileQuery& q) {
  const std::string name(layers::tile_layer_name(q.layer));
  if (q.layer == layers::TileLayer::census_zones) {
    // Reference points, no coverage: a filter would only split the cache.
    for (const auto& [key, value] : r.query)
      if (key == "division" || std::find(filter_param_names().begin(), filter_param_names().end(), key) !=
                                   filter_param_names().end())
        throw http::BadRequest("census-zones tiles take no filter or division, not '" + key + "'", {{"parameter", key}});
    return;
  }
  q.division = division_param(r);
  if (const auto fixed = layers::tile_layer_division(q.layer)) {
    if (r.query_value("division") && q.division != *fixed)
      throw http::BadRequest(name + " is the " + std::string(layers::division_name(*fixed)) + " division",
                             {{"parameter", "division"}, {"allowed", {std::string(layers::division_name(*fixed))}}});
    q.division = *fixed;
  }
  q.filter = parse_filter(r, registry);
}

layers::TileLayer collection_tile_layer(const std::string& id, bool map) {
  const auto layer = layers::parse_tile_layer(id);
  if (layer && layers::tile_layer_is_collection(*layer) && (!map || layers::tile_layer_has_map(*layer))) return *layer;
  nlohmann::json allowed = nlohmann::json::array();
  for (const std::string& n : layers::tile_layer_names())
    if (const auto l = *layers::parse_tile_layer(n); layers::tile_layer_is_collection(l) && (!map || layers::tile_layer_has_map(l)))
      allowed.push_back(n);
  throw http::NotFound(std::string("no ") + (map ? "map " : "") + "tiles for collection '" + id + "'",
                       {{"collectionId", id}, {"allowed", allowed}});
}

layers::TileMatrixSet map_tile_matrix_set(const std::string& id) {
  if (const auto tms = layers::parse_tile_matrix_set(id)) return *tms;
  throw http::NotFound("no tile matrix set '" + id + "'",
                       {{"tileMatrixSetId", id}, {"allowed", layers::tile_matrix_set_names()}});
}

geo::TileId ogc_tile_id(const http::Request& r, layers::TileMatrixSet tms) {
  const int max = layers::max_tile_matrix(tms);
  const auto z = geo::parse_tile_number(r.path_param("tileMatrix"), static_cast<std::uint32_t>(max));
  if (!z)
    throw http::BadRequest("tileMatrix must be an integer from 0 to " + std::to_string(max) + ", not '" +
                               r.path_param("tileMatrix") + "'",
                           {{"parameter", "tileMatrix"}, {"minimum", 0}, {"maximum", max}});
  auto index = [&](const char* name, std::uint32_t count) {
    const auto v = geo::parse_tile_number(r.path_param(name), count - 1);
    if (!v)
      throw http::BadRequest(std::string(name) + " must be an integer from 0 to " + std::to_string(count - 1) +
                                 " in tile matrix " + std::to_string(*z) + ", not '" + r.path_param(name) + "'",
                             {{"parameter", name}, {"minimum", 0}, {"maximum", count - 1}});
    return *v;
  };
  geo::TileId t;
  t.z = static_cast<int>(*z);
  t.y = index("tileRow", layers::matrix_height(tms, t.z));
  t.x = index("tileCol", layers::matrix_width(tms, t.z));
  return t;
}

}  // namespace server::routes
