#pragma once
// Raster (PNG) tiles: the coverage choropleth of a unit layer, for clients
// that cannot draw vector tiles, in either tile matrix set; the same drawing
// in any frame (a WMS map, layers/ogc_services/map_render.h).
#include <string>
#include <vector>

#include "geo/raster/raster_canvas.h"

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

// Boundary strokes of a 256-pixel tile or a map, in pixels.
inline constexpr double kBoundaryWidth = 0.5;

// Fills every unit of `shapes` meeting the frame with the class colour of
// its stats[i] (same order as shapes) and outlines it: the one choropleth
// drawing of tiles and maps.
void draw_unit_choropleth(geo::RasterCanvas& canvas, const RasterFrame& frame, const ZoomedPolygons& shapes,
                          const std::vector<UnitStats>& stats, Measure measure, double stroke_width);

std::string build_raster_tile(const TileSet& tileset, const RasterQuery& query, const StatsLookup& stats);

}  // namespace layers
