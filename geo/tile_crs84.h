#pragma once
// The WorldCRS84Quad tile grid (OGC 2D Tile Matrix Set): longitude and
// latitude in degrees, tile matrix 0 is two 256-pixel tiles of 180 degrees,
// rows grow southwards from 90 N. Pure arithmetic, no library calls. A
// TileId here is (z, x = column, y = row).
#include <cstdint>

#include "geo/geos/geometry.h"
#include "geo/tile_math.h"

namespace geo {

inline constexpr int kCrs84TileSize = 256;

// Degrees per pixel at tile matrix z (0.703125 at 0).
double crs84_cell_degrees(int z);
// Columns and rows of tile matrix z (2^(z+1) by 2^z).
std::uint32_t crs84_matrix_width(int z);
std::uint32_t crs84_matrix_height(int z);
// The tile's box in degrees.
Envelope crs84_tile_bounds(const TileId& t);
// The tiles of matrix z whose boxes meet a lon/lat box (x: columns, y: rows).
TileRange crs84_tiles_covering(const Envelope& lonlat, int z);

}  // namespace geo
