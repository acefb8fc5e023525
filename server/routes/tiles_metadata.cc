// TileJSON 3.0 and OGC API - Tiles metadata for the tilesets served by
// server/routes/tiles.cc.
#include <cctype>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "geo/tile_math.h"
#include "server/filter_params.h"
#include "server/caching_policy.h"
#include "server/http/errors.h"
#include "server/params.h"
#include "server/routes/tiles.h"
#include "server/routes/tiles_params.h"

namespace server::routes {

namespace {

using nlohmann::json;

constexpr const char* kAttribution =
    "Boundaries: INE (Censo 2017 cartography) and BCN (Biblioteca del Congreso Nacional, mapas vectoriales); "
    "initiatives: SUBDERE, Sistema de Buenas Prácticas para el Desarrollo de los Territorios";
constexpr const char* kWebMercatorQuadUri = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
constexpr const char* kCrs3857 = "http://www.opengis.net/def/crs/EPSG/0/3857";

std::string percent_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// The request's (already validated) query, to carry filters into tile URLs.
std::string query_suffix(const http::Request& r) {
  std::string q;
  for (const auto& [k, v] : r.query) {
    q += q.empty() ? '?' : '&';
    q += percent_encode(k);
    q += '=';
    q += percent_encode(v);
  }
  return q;
}

json layer_description(const std::string& mvt_layer) {
  json fields = json::object();
  for (const auto& f : layers::tile_fields(mvt_layer)) fields[f.name] = f.type;
  json l = {{"id", mvt_layer}, {"fields", fields}, {"minzoom", 0}, {"maxzoom", layers::kMaxTileZoom}};
  if (mvt_layer == layers::kInitiativePointsLayer)
    l["description"] = "a representative point of each initiative's footprint";
  else if (mvt_layer == layers::kFootprintsLayer)
    l["description"] = "the polygons each initiative acts in";
  else
    l["description"] = mvt_layer + " with their coverage by initiatives";
  return l;
}

json bounds_of(const layers::Registry& registry) {
  const geo::Envelope& e = registry.catalog().extent();
  auto r = [](double v) { return std::round(v * 1e4) / 1e4; };
  return json::array({r(e.min_x), r(e.min_y), r(e.max_x), r(e.max_y)});
}

http::Response metadata_response(const http::Request& r, const json& doc, const layers::Registry& registry,
                                 const std::string& base) {
  // The base URL is in the links of the document, so it selects the bytes.
  return caching::stamp(r, http::json(200, doc.dump()),
                        caching::data_validator(r, registry.generation(), base));
}

}  // namespace

http::Response tilejson(const http::Request& r, const layers::Registry& registry, const Site& site) {
  check_tile_params(r, {"properties"});
  const layers::TileLayer layer = tile_layer_param(r);
  division_param(r);
  parse_filter(r, registry);
  properties_param(r, layer);
  const std::string name(layers::tile_layer_name(layer));
  const std::string base = base_url(r, site);
  json vector_layers = json::array();
  for (const std::string& l : layers::mvt_layer_names(layer)) vector_layers.push_back(layer_description(l));
  json doc = {
      {"tilejson", "3.0.0"},
      {"name", "territorio " + name},
      {"description", "Chile's " + name + " and the coverage of territorial development initiatives"},
      {"version", "1.0.0"},
      {"attribution", kAttribution},
      {"scheme", "xyz"},
      {"tiles", json::array({base + "/tiles/" + name + "/{z}/{x}/{y}.mvt" + query_suffix(r)})},
      {"minzoom", 0},
      {"maxzoom", layers::kMaxTileZoom},
      {"bounds", bounds_of(registry)},
      {"center", json::array({-70.6693, -33.4489, 4})},
      {"vector_layers", vector_layers},
  };
  return metadata_response(r, doc, registry, base);
}

namespace {

json link(std::string href, std::string rel, std::string type, std::string title) {
  return json{{"href", std::move(href)}, {"rel", std::move(rel)}, {"type", std::move(type)}, {"title", std::move(title)}};
}

// The collection's tile layer, or 404 (the combined territorio tileset is no collection).
layers::TileLayer collection_tile_layer(const std::string& id) {
  const auto layer = layers::parse_tile_layer(id);
  if (!layer || *layer == layers::TileLayer::territorio)
    throw http::NotFound("no tiles for collection '" + id + "'",
                         {{"collectionId", id}, {"allowed", {"regions", "provinces", "communes", "initiatives"}}});
  return *layer;
}

// The vector tileset of a collection in WebMercatorQuad (OGC API - Tiles
// "tileset" resource), with the tile URL template in OGC order.
json vector_tileset(const std::string& base, const std::string& id, layers::TileLayer layer) {
  const std::string self = base + "/collections/" + id + "/tiles/WebMercatorQuad";
  json t = {
      {"title", id + " (vector tiles)"},
      {"dataType", "vector"},
      {"crs", kCrs3857},
      {"tileMatrixSetURI", kWebMercatorQuadUri},
      {"links",
       {link(self, "self", "application/json", id + " vector tileset"),
        link(base + "/tiles/WebMercatorQuad", "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme",
             "application/json", "WebMercatorQuad"),
        link(base + "/tiles/" + id + ".json", "describedby", "application/json", "TileJSON"),
        json{{"href", self + "/{tileMatrix}/{tileRow}/{tileCol}"},
             {"rel", "item"},
             {"type", kMvtType},
             {"templated", true},
             {"title", "Mapbox vector tiles"}}}},
      {"layers", json::array()},
  };
  for (const std::string& l : layers::mvt_layer_names(layer))
    t["layers"].push_back({{"id", l}, {"dataType", "vector"}, {"maxTileMatrix", std::to_string(layers::kMaxTileZoom)}});
  return t;
}

}  // namespace

http::Response ogc_collection_tilesets(const http::Request& r, const layers::Registry& registry, const Site& site) {
  check_known_params(r, {"f"});
  const std::string& id = r.path_param("collectionId");
  const layers::TileLayer layer = collection_tile_layer(id);
  const std::string base = base_url(r, site);
  const std::string tiles = base + "/tiles/" + id;
  json tilesets = json::array({vector_tileset(base, id, layer)});
  if (layers::tile_layer_level(layer))
    tilesets.push_back({
        {"title", id + " (coverage map)"},
        {"dataType", "map"},
        {"crs", kCrs3857},
        {"tileMatrixSetURI", kWebMercatorQuadUri},
        {"links",
         {link(base + "/tiles/WebMercatorQuad", "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme",
               "application/json", "WebMercatorQuad"),
          json{{"href", tiles + "/{tileMatrix}/{tileCol}/{tileRow}.png"},
               {"rel", "item"},
               {"type", "image/png"},
               {"templated", true},
               {"title", "PNG coverage choropleth"}}}},
    });
  json doc = {{"links", {link(base + "/collections/" + id + "/tiles", "self", "application/json", "Tilesets"),
                         link(base + "/collections/" + id, "collection", "application/json", id)}},
              {"tilesets", tilesets}};
  return metadata_response(r, doc, registry, base);
}

http::Response ogc_collection_tileset(const http::Request& r, const layers::Registry& registry, const Site& site) {
  check_known_params(r, {"f"});
  const std::string& id = r.path_param("collectionId");
  const layers::TileLayer layer = collection_tile_layer(id);
  check_tile_matrix_set(r.path_param("tileMatrixSetId"));
  const std::string base = base_url(r, site);
  return metadata_response(r, vector_tileset(base, id, layer), registry, base);
}

http::Response ogc_tile_matrix_sets(const http::Request& r, const Site& site) {
  check_known_params(r, {"f"});
  const std::string base = base_url(r, site);
  json entry = {{"id", "WebMercatorQuad"},
                {"title", "Google Maps Compatible for the World"},
                {"uri", kWebMercatorQuadUri},
                {"links", json::array({{{"href", base + "/tiles/WebMercatorQuad"}, {"rel", "self"},
                                        {"type", "application/json"}}})}};
  json doc = {{"tileMatrixSets", json::array({entry})}};
  http::Response resp = http::json(200, doc.dump());
  http::set_header(resp, "Cache-Control", caching::kFixed);
  return resp;
}

http::Response ogc_web_mercator_quad(const http::Request& r, const Site& site) {
  check_known_params(r, {"f"});
  json matrices = json::array();
  for (int z = 0; z <= layers::kMaxTileZoom; ++z) {
    const double cell = geo::tile_size_metres(z) / 256.0;
    const long n = 1L << z;
    matrices.push_back({{"id", std::to_string(z)},
                        {"scaleDenominator", cell / 0.00028},
                        {"cellSize", cell},
                        {"cornerOfOrigin", "topLeft"},
                        {"pointOfOrigin", {-geo::kMercatorHalfWorld, geo::kMercatorHalfWorld}},
                        {"tileWidth", 256},
                        {"tileHeight", 256},
                        {"matrixWidth", n},
                        {"matrixHeight", n}});
  }
  json doc = {{"id", "WebMercatorQuad"},
              {"title", "Google Maps Compatible for the World"},
              {"uri", kWebMercatorQuadUri},
              {"crs", kCrs3857},
              {"orderedAxes", {"E", "N"}},
              {"wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible"},
              {"links", {{{"href", base_url(r, site) + "/tiles/WebMercatorQuad"}, {"rel", "self"}, {"type", "application/json"}}}},
              {"tileMatrices", matrices}};
  http::Response resp = http::json(200, doc.dump());
  http::set_header(resp, "Cache-Control", caching::kFixed);
  return resp;
}

}  // namespace server::routes
