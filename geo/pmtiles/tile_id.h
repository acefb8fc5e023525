#pragma once
// PMTiles v3 tile ids: the tiles of all zooms on one line, zoom by zoom, each
// zoom's tiles in the order of a Hilbert curve over its square (so tiles
// near on the map lie near in the file).
#include <cstdint>

#include "geo/tile_math.h"

namespace geo::pmtiles {

// The highest zoom whose ids fit in 64 bits with room to spare.
inline constexpr int kMaxZoom = 31;

// Tiles of every zoom below z: (4^z - 1) / 3.
std::uint64_t first_id_of_zoom(int z);
// Precondition: 0 <= t.z <= kMaxZoom, x and y below 2^z.
std::uint64_t tile_id(const TileId& t);
// The inverse of tile_id.
TileId tile_of(std::uint64_t id);

}  // namespace geo::pmtiles
