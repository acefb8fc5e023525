#pragma once
// Raster (PNG) tiles: the coverage choropleth of a unit layer, for clients
// that cannot draw vector tiles.
#include <string>

#include "layers/tiles/tiles.h"
#include "layers/tiles/tiles_palette.h"

namespace layers {

struct RasterQuery {
  TileQuery tile;  // layer must be regions, provinces or communes; properties unused
  Measure measure = Measure::initiatives;
  int scale = 1;  // 1: 256 px, 2: 512 px (@2x)
};

std::string build_raster_tile(const TileSet& tileset, const RasterQuery& query, const StatsLookup& stats);

}  // namespace layers
