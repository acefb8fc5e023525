#pragma once
// The OGC API - Tiles documents, as pure functions of what they describe:
// tile matrix sets, tileset metadata and tileset lists. Each tile matrix set
// document is a 2D Tile Matrix Set 2.0 document (id, crs, tileMatrices with
// pointOfOrigin and cellSize) that also carries the members of the 1.0 JSON
// encoding that GDAL 3.6's OGC API client reads (identifier, supportedCRS,
// boundingBox, and identifier and topLeftCorner per tile matrix): both
// clients ask for application/json, so no negotiation could tell them
// apart, and the two encodings name their members differently, so one
// document serves both (readers of either ignore the other's members).
#include <string>

#include <nlohmann/json.hpp>

#include "geo/geos/geometry.h"
#include "layers/tiles/raster_frame.h"
#include "layers/tiles/tiles.h"

namespace server::routes {

inline constexpr const char* kTilingSchemeRel = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
inline constexpr const char* kTilesetsVectorRel = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
inline constexpr const char* kTilesetsMapRel = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map";

// The registered URI and CRS of a tile matrix set.
std::string tile_matrix_set_uri(layers::TileMatrixSet tms);
std::string tile_matrix_set_crs(layers::TileMatrixSet tms);

// The tile matrix set, matrices 0 to layers::max_tile_matrix(tms); base: the server's URL.
nlohmann::json tile_matrix_set_document(layers::TileMatrixSet tms, const std::string& base);
// The list at /tileMatrixSets.
nlohmann::json tile_matrix_sets_document(const std::string& base);

// tileMatrixSetLimits: per tile matrix 0 .. max, the rows and columns that
// meet a lon/lat extent.
nlohmann::json tile_matrix_set_limits(layers::TileMatrixSet tms, const geo::Envelope& lonlat);
// tileMatrixSetLimits of every tile of every matrix 0 .. max.
nlohmann::json whole_tile_matrix_set_limits(layers::TileMatrixSet tms);
// A tileset's boundingBox: the extent in CRS84, rounded outwards to 1e-6 degrees.
nlohmann::json tileset_bounding_box(const geo::Envelope& lonlat);

// What a tileset document needs to know of its collection.
struct TilesetSubject {
  std::string collection;  // its id, which is also the tileset's name
  std::string title;
  layers::TileLayer layer = layers::TileLayer::communes;
  geo::Envelope extent;    // lon/lat
};
// The vector tileset (MVT, WebMercatorQuad) at /collections/{id}/tiles/WebMercatorQuad.
nlohmann::json vector_tileset(const std::string& base, const TilesetSubject& s);
// The map tileset (PNG) at /collections/{id}/map/tiles/{tms}. Its
// WorldCRS84Quad limits are whole matrices (every tile of which is served):
// GDAL up to 3.7 reads tiles of limits that start past row or column 0 at
// the wrong rows and columns, and skips matrices without limits.
nlohmann::json map_tileset(const std::string& base, const TilesetSubject& s, layers::TileMatrixSet tms);
// The lists at /collections/{id}/tiles and /collections/{id}/map/tiles: each
// tileset's summary (title, dataType, crs, tileMatrixSetURI and links).
nlohmann::json vector_tilesets(const std::string& base, const TilesetSubject& s);
nlohmann::json map_tilesets(const std::string& base, const TilesetSubject& s);

}  // namespace server::routes
