#pragma once
// Pure parsers of the tile routes' parameters: layer, z/x/y, properties,
// the filter and division; each throws http::BadRequest / http::NotFound.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layers/snapshot/registry.h"
#include "layers/tiles/raster_frame.h"
#include "layers/tiles/tiles.h"
#include "server/http/request.h"

namespace server::routes {

// The tileset named by {layer}; 404 listing the tilesets otherwise.
layers::TileLayer tile_layer_param(const http::Request& r);
// z, x, y from the path ({y} without its suffix); 400 when malformed or out of range.
geo::TileId tile_id_params(const http::Request& r, std::string_view y_text);
// properties=a,b (repeatable): names checked against the fields of the tileset.
std::optional<std::vector<std::string>> properties_param(const http::Request& r, layers::TileLayer layer);
// Rejects any query parameter besides the filter's, division and `extra`.
void check_tile_params(const http::Request& r, const std::vector<std::string_view>& extra);
// The only tile matrix set served is WebMercatorQuad; 404 otherwise.
void check_tile_matrix_set(const std::string& id);
// layer, tile, division, filter and properties of a vector tile request.
layers::TileQuery tile_query(const http::Request& r, const layers::Registry& registry, std::string_view y_text);
// division and filter into q (q.layer set): a tileset fixed to a division
// (regions-2007) takes no other; census-zones takes neither.
void tile_filter_params(const http::Request& r, const layers::Registry& registry, layers::TileQuery& q);

// The tileset of collection {collectionId}, 404 for one without tiles (map:
// without map tiles).
layers::TileLayer collection_tile_layer(const std::string& id, bool map);
// The tile matrix set of a map tile, 404 for one not served.
layers::TileMatrixSet map_tile_matrix_set(const std::string& id);
// {tileMatrix}, {tileRow}, {tileCol} as (z, column, row), 400 out of the matrix.
geo::TileId ogc_tile_id(const http::Request& r, layers::TileMatrixSet tms);

}  // namespace server::routes
