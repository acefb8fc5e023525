#include "server/routes/tiles.h"

#include <string>

#include <nlohmann/json.hpp>

#include "server/caching_policy.h"
#include "server/http/errors.h"
#include "server/routes/tiles_documents.h"
#include "server/routes/tiles_params.h"

namespace server::routes {

namespace {

// measure=: the class scheme of a choropleth (census zones have one scheme,
// initiatives are points and shapes: no measure).
layers::Measure measure_param(const http::Request& r, layers::TileLayer layer) {
  const auto m = r.query_value("measure");
  if (!m) return layers::Measure::initiatives;
  if (layer == layers::TileLayer::census_zones)
    throw http::BadRequest("census-zones map tiles show population; they take no measure",
                           {{"parameter", "measure"}});
  if (layer == layers::TileLayer::initiatives)
    throw http::BadRequest("initiatives map tiles draw points and footprints; they take no measure",
                           {{"parameter", "measure"}});
  const auto parsed = layers::parse_measure(*m);
  if (!parsed)
    throw http::BadRequest("measure must be one of initiatives, per_100k, covered, not '" + *m + "'",
                           {{"parameter", "measure"}, {"allowed", layers::measure_names()}});
  return *parsed;
}

http::Response tile_response(const http::Request& r, const caching::Validator& etag,
                             const std::shared_ptr<const layers::CachedTile>& tile, const char* type) {
  http::Response resp;
  resp.body = tile->body;
  resp.content_type = type;
  if (tile->truncated) resp.headers.emplace_back("Tile-Truncated", "true");
  return caching::stamp(r, std::move(resp), etag);
}

}  // namespace

http::Response vector_tile(const http::Request& r, layers::TileService& tiles, const layers::Snapshot& snapshot) {
  check_tile_params(r, {"properties"});
  layers::TileQuery q = tile_query(r, snapshot.registry(), r.path_param("y"));
  q.properties = properties_param(r, q.layer);
  // The path and query name the tile, its layer, filter and properties.
  const caching::Validator etag = caching::data_validator(r, snapshot.generation());
  if (caching::client_is_current(r, etag)) return caching::not_modified(etag);
  return tile_response(r, etag, tiles.vector_tile(snapshot, q), kMvtType);
}

http::Response ogc_vector_tile(const http::Request& r, layers::TileService& tiles, const layers::Snapshot& snapshot) {
  const std::string& id = r.path_param("collectionId");
  collection_tile_layer(id, false);
  check_tile_matrix_set(r.path_param("tileMatrixSetId"));
  // OGC clients may name the format; only MVT is served at this address.
  http::Request xyz = r;
  if (const auto f = r.query_value("f")) {
    if (*f != "mvt")
      throw http::BadRequest("f must be mvt, not '" + *f + "'", {{"parameter", "f"}, {"allowed", {"mvt"}}});
    std::erase_if(xyz.query, [](const auto& kv) { return kv.first == "f"; });
  }
  xyz.path_params = {{"layer", id},
                     {"z", r.path_param("tileMatrix")},
                     {"x", r.path_param("tileCol")},
                     {"y", r.path_param("tileRow")}};
  return vector_tile(xyz, tiles, snapshot);
}

http::Response raster_tile(const http::Request& r, layers::TileService& tiles, const layers::Snapshot& snapshot) {
  check_tile_params(r, {"measure"});
  std::string_view y = r.path_param("y");
  layers::RasterQuery q;
  if (y.ends_with("@2x")) {
    q.scale = 2;
    y.remove_suffix(3);
  }
  q.tile = tile_query(r, snapshot.registry(), y);
  if (!layers::tile_layer_has_map(q.tile.layer)) {
    nlohmann::json allowed = nlohmann::json::array();
    for (const std::string& name : layers::tile_layer_names())
      if (layers::tile_layer_has_map(*layers::parse_tile_layer(name))) allowed.push_back(name);
    throw http::NotFound("raster tiles exist for every collection, not " +
                             std::string(layers::tile_layer_name(q.tile.layer)),
                         {{"layer", std::string(layers::tile_layer_name(q.tile.layer))}, {"allowed", allowed}});
  }
  q.measure = measure_param(r, q.tile.layer);
  const caching::Validator etag = caching::data_validator(r, snapshot.generation());
  if (caching::client_is_current(r, etag)) return caching::not_modified(etag);
  return tile_response(r, etag, tiles.raster_tile(snapshot, q), "image/png");
}

http::Response ogc_map_tile(const http::Request& r, layers::TileService& tiles, const layers::Snapshot& snapshot) {
  check_tile_params(r, {"measure", "f"});
  const std::string& id = r.path_param("collectionId");
  layers::RasterQuery q;
  q.tile.layer = collection_tile_layer(id, true);
  q.tms = map_tile_matrix_set(r.path_param("tileMatrixSetId"));
  q.tile.tile = ogc_tile_id(r, q.tms);
  tile_filter_params(r, snapshot.registry(), q.tile);
  q.measure = measure_param(r, q.tile.layer);
  if (const auto f = r.query_value("f"); f && *f != "png")
    throw http::BadRequest("f must be png, not '" + *f + "'", {{"parameter", "f"}, {"allowed", {"png"}}});
  // The path and query name the tile, its filter and measure.
  const caching::Validator etag = caching::data_validator(r, snapshot.generation());
  if (caching::client_is_current(r, etag)) return caching::not_modified(etag);
  return tile_response(r, etag, tiles.raster_tile(snapshot, q), "image/png");
}

std::shared_ptr<layers::TileService> add_tile_routes(http::Router& router, layers::RegistryHolder& holder,
                                                          const Site& site, std::size_t cache_bytes) {
  layers::TileServiceOptions options;
  options.cache_bytes = cache_bytes;
  auto tiles = std::make_shared<layers::TileService>(options);
  auto s = std::make_shared<const Site>(site);
  // Each handler keeps the snapshot it started with until it returns.
  const auto on_snapshot = [tiles, &holder](http::Response (*f)(const http::Request&, layers::TileService&,
                                                               const layers::Snapshot&)) {
    return [f, tiles, &holder](const http::Request& r) { return f(r, *tiles, *holder.current()); };
  };
  const auto on_registry = [s, &holder](http::Response (*f)(const http::Request&, const layers::Registry&,
                                                           const Site&)) {
    return [f, s, &holder](const http::Request& r) {
      const auto snapshot = holder.current();
      return f(r, snapshot->registry(), *s);
    };
  };
  const auto on_metadata = [s, &holder](http::Response (*f)(const http::Request&, const layers::Snapshot&,
                                                           const Site&)) {
    return [f, s, &holder](const http::Request& r) { return f(r, *holder.current(), *s); };
  };
  router.add("GET", "/tiles/{layer}/{z}/{x}/{y}.mvt", on_snapshot(vector_tile));
  router.add("GET", "/tiles/{layer}/{z}/{x}/{y}.png", on_snapshot(raster_tile));
  router.add("GET", "/tiles/{layer}.json", on_registry(tilejson));
  router.add("GET", "/tiles/WebMercatorQuad", [s](const http::Request& r) { return ogc_web_mercator_quad(r, *s); });
  router.add("GET", "/tileMatrixSets", [s](const http::Request& r) { return ogc_tile_matrix_sets(r, *s); });
  router.add("GET", "/tileMatrixSets/{tileMatrixSetId}", [s](const http::Request& r) { return ogc_tile_matrix_set(r, *s); });
  router.add("GET", "/collections/{collectionId}/tiles/{tileMatrixSetId}", on_metadata(ogc_collection_tileset));
  router.add("GET", "/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
             on_snapshot(ogc_vector_tile));
  router.add("GET", "/collections/{collectionId}/tiles", on_metadata(ogc_collection_tilesets));
  router.add("GET", "/collections/{collectionId}/map/tiles", on_metadata(ogc_collection_map_tilesets));
  router.add("GET", "/collections/{collectionId}/map/tiles/{tileMatrixSetId}", on_metadata(ogc_collection_map_tileset));
  router.add("GET", "/collections/{collectionId}/map/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
             on_snapshot(ogc_map_tile));
  return tiles;
}

}  // namespace server::routes
