#pragma once
// Raster (PNG) tiles: the coverage choropleth of a unit layer, for clients
// that cannot draw vector tiles, in either tile matrix set.
#include <string>

#include "layers/tiles/raster_frame.h"
#include "layers/tiles/tiles.h"
#include "layers/tiles/tiles_palette.h"

namespace layers {

struct RasterQuery {
  TileQuery tile;  // a unit layer, census_zones (census_tiles.h) or initiatives (initiative_raster.h); properties unused
  Measure measure = Measure::initiatives;
  int scale = 1;  // 1: 256 px, 2: 512 px (@2x)
  TileMatrixSet tms = TileMatrixSet::web_mercator_quad;  // tile.tile is (z, column, row) in it
};

std::string build_raster_tile(const TileSet& tileset, const RasterQuery& query, const StatsLookup& stats);

}  // namespace layers
