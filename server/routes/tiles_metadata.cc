// TileJSON 3.0 and OGC API - Tiles metadata for the tilesets served by
// server/routes/tiles.cc.
#include <cctype>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "geo/tile_math.h"
#include "layers/tiles/tile_metadata.h"
#include "server/filter_params.h"
#include "server/caching_policy.h"
#include "server/http/errors.h"
#include "server/params.h"
#include "server/routes/tiles.h"
#include "server/routes/tiles_documents.h"
#include "server/routes/tiles_params.h"

namespace server::routes {

namespace {

using nlohmann::json;

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
  json doc = {
      {"tilejson", "3.0.0"},
      {"name", "territorio " + name},
      {"description", "Chile's " + name + " and the coverage of territorial development initiatives"},
      {"version", "1.0.0"},
      {"attribution", layers::kTileAttribution},
      {"scheme", "xyz"},
      {"tiles", json::array({base + "/tiles/" + name + "/{z}/{x}/{y}.mvt" + query_suffix(r)})},
      {"minzoom", 0},
      {"maxzoom", layers::kMaxTileZoom},
      {"bounds", bounds_of(registry)},
      {"center", json::array({-70.6693, -33.4489, 4})},
      {"vector_layers", layers::vector_layers(layer)},
  };
  return metadata_response(r, doc, registry, base);
}

namespace {

// The collection's tiles as documents describe them: 404 for a collection
// without tiles of that kind (the combined territorio tileset is no collection).
TilesetSubject subject(const http::Request& r, const layers::Snapshot& snapshot, bool map) {
  const std::string& id = r.path_param("collectionId");
  const layers::TileLayer layer = collection_tile_layer(id, map);
  const layers::Collection* c = snapshot.features().find(id);
  if (!c) throw http::NotFound("no collection '" + id + "'", {{"collectionId", id}});
  return {id, c->title, layer, c->extent.value_or(snapshot.registry().catalog().extent())};
}

layers::TileMatrixSet tile_matrix_set_param(const http::Request& r, bool map) {
  const std::string& id = r.path_param("tileMatrixSetId");
  if (!map) check_tile_matrix_set(id);  // vector tiles: WebMercatorQuad only
  return map_tile_matrix_set(id);
}

http::Response snapshot_response(const http::Request& r, const json& doc, const layers::Snapshot& snapshot,
                                 const std::string& base) {
  return caching::stamp(r, http::json(200, doc.dump()), caching::data_validator(r, snapshot.generation(), base));
}

http::Response fixed_response(const json& doc) {
  http::Response resp = http::json(200, doc.dump());
  http::set_header(resp, "Cache-Control", caching::kFixed);
  return resp;
}

}  // namespace

http::Response ogc_collection_tilesets(const http::Request& r, const layers::Snapshot& snapshot, const Site& site) {
  check_known_params(r, {"f"});
  const std::string base = base_url(r, site);
  return snapshot_response(r, vector_tilesets(base, subject(r, snapshot, false)), snapshot, base);
}

http::Response ogc_collection_tileset(const http::Request& r, const layers::Snapshot& snapshot, const Site& site) {
  check_known_params(r, {"f"});
  const TilesetSubject s = subject(r, snapshot, false);
  tile_matrix_set_param(r, false);
  const std::string base = base_url(r, site);
  return snapshot_response(r, vector_tileset(base, s), snapshot, base);
}

http::Response ogc_collection_map_tilesets(const http::Request& r, const layers::Snapshot& snapshot, const Site& site) {
  check_known_params(r, {"f"});
  const std::string base = base_url(r, site);
  return snapshot_response(r, map_tilesets(base, subject(r, snapshot, true)), snapshot, base);
}

http::Response ogc_collection_map_tileset(const http::Request& r, const layers::Snapshot& snapshot, const Site& site) {
  check_known_params(r, {"f"});
  const TilesetSubject s = subject(r, snapshot, true);
  const layers::TileMatrixSet tms = tile_matrix_set_param(r, true);
  const std::string base = base_url(r, site);
  return snapshot_response(r, map_tileset(base, s, tms), snapshot, base);
}

http::Response ogc_tile_matrix_sets(const http::Request& r, const Site& site) {
  check_known_params(r, {"f"});
  return fixed_response(tile_matrix_sets_document(base_url(r, site)));
}

http::Response ogc_tile_matrix_set(const http::Request& r, const Site& site) {
  check_known_params(r, {"f"});
  return fixed_response(tile_matrix_set_document(tile_matrix_set_param(r, true), base_url(r, site)));
}

http::Response ogc_web_mercator_quad(const http::Request& r, const Site& site) {
  check_known_params(r, {"f"});
  return fixed_response(tile_matrix_set_document(layers::TileMatrixSet::web_mercator_quad, base_url(r, site)));
}

}  // namespace server::routes
