#pragma once
// Map tiles of the census zones: the points of the census-zones feature
// collection (lon/lat, already indexed by box), selected and projected per
// tile, so this static reference data needs nothing built for tiles. A
// vector tile holds one MVT layer "census-zones"; a map tile draws each
// zone as a disc coloured by its population class.
//
//   population   0 | 1-1,999 | 2,000-2,999 | 3,000-3,999 | 4,000-5,999 | 6,000+
//   colours      the six of tiles_palette.h, grey to dark blue
#include <string>
#include <vector>

#include "layers/features/collections.h"
#include "layers/tiles/tiles.h"
#include "layers/tiles/tiles_palette.h"
#include "layers/tiles/tiles_raster.h"

namespace layers {

// query.layer must be census_zones; division and filter do not apply.
VectorTile build_census_tile(const Collection& census, const TileQuery& query, const TileLimits& limits = {});
// query.tile.layer must be census_zones; the measure does not apply.
std::string build_census_raster_tile(const Collection& census, const RasterQuery& query);

const std::vector<ColourClass>& census_palette();
std::size_t census_class_of(std::int64_t population);

}  // namespace layers
