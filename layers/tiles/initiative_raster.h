#pragma once
// Map (PNG) tiles of the initiatives, for clients that only take XYZ PNG:
// the same points and footprint shapes as the initiatives vector tiles
// (TileSet), under the same filter, clustered where the vector tile of the
// same place clusters (layers/tiles/tile_clusters.h).
//
//   footprints  each distinct shape once: #c2185b at alpha 56, 1 px outline
//               #c2185b (clustered tiles leave shapes narrower than a
//               cluster cell to the points, as the vector tiles do)
//   points      discs of 3 px radius, #c2185b, white 1 px rim (discs that
//               overlap merge: all rims are drawn before all fills)
//   clusters    the same, sized by count: 3 + 1.5 * log2(count) px, at most 8 px
// Sizes are at 1x (256 px tiles); @2x doubles them.
#include <string>

#include "layers/snapshot/registry.h"
#include "layers/tiles/tiles_raster.h"
#include "layers/tiles/tileset.h"

namespace layers {

inline constexpr geo::Rgba kInitiativeColour{0xc2, 0x18, 0x5b, 255};
inline constexpr geo::Rgba kFootprintFill{0xc2, 0x18, 0x5b, 56};

// query.tile.layer must be initiatives; the measure does not apply.
std::string build_initiative_raster_tile(const TileSet& tileset, const Registry& registry, const RasterQuery& query);

// A point's disc radius at 1x for a cluster of `count` records (1: a record on its own).
double initiative_disc_radius(std::size_t count);

}  // namespace layers
