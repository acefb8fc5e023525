#pragma once
// Map tile routes: vector tiles (MVT), raster tiles (PNG), TileJSON and the
// OGC API - Tiles metadata of the same tilesets.
#include <memory>

#include "layers/snapshot/registry_holder.h"
#include "layers/tiles/tiles_service.h"
#include "server/http/router.h"
#include "server/site.h"

namespace server::routes {

inline constexpr const char* kMvtType = "application/vnd.mapbox-vector-tile";

http::Response vector_tile(const http::Request& r, layers::TileService& tiles, const layers::Snapshot& snapshot);
// The same vector tile at its OGC API - Tiles address,
// /collections/{collectionId}/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}.
http::Response ogc_vector_tile(const http::Request& r, layers::TileService& tiles, const layers::Snapshot& snapshot);
http::Response raster_tile(const http::Request& r, layers::TileService& tiles, const layers::Snapshot& snapshot);
http::Response tilejson(const http::Request& r, const layers::Registry& registry, const Site& site);
// The PNG map tile at /collections/{collectionId}/map/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol},
// in WebMercatorQuad or WorldCRS84Quad.
http::Response ogc_map_tile(const http::Request& r, layers::TileService& tiles, const layers::Snapshot& snapshot);
// OGC API - Tiles metadata (server/routes/tiles_documents.h): a collection's
// vector and map tilesets, the tile matrix sets.
http::Response ogc_collection_tilesets(const http::Request& r, const layers::Snapshot& snapshot, const Site& site);
http::Response ogc_collection_tileset(const http::Request& r, const layers::Snapshot& snapshot, const Site& site);
http::Response ogc_collection_map_tilesets(const http::Request& r, const layers::Snapshot& snapshot, const Site& site);
http::Response ogc_collection_map_tileset(const http::Request& r, const layers::Snapshot& snapshot, const Site& site);
http::Response ogc_tile_matrix_sets(const http::Request& r, const Site& site);
http::Response ogc_tile_matrix_set(const http::Request& r, const Site& site);
// /tiles/WebMercatorQuad, the address of the WebMercatorQuad document before /tileMatrixSets.
http::Response ogc_web_mercator_quad(const http::Request& r, const Site& site);

// Registers every tile route, with a tile cache of cache_bytes (0 turns it
// off, for benchmarks). Returns the tile service, whose cache /metrics reports.
std::shared_ptr<layers::TileService> add_tile_routes(http::Router& router, layers::RegistryHolder& holder,
                                                          const Site& site, std::size_t cache_bytes);

}  // namespace server::routes
