#include "geo/tile_crs84.h"

#include <algorithm>
#include <cmath>

namespace geo {

double crs84_cell_degrees(int z) { return 180.0 / kCrs84TileSize / std::ldexp(1.0, z); }

std::uint32_t crs84_matrix_width(int z) { return 2u << z; }

std::uint32_t crs84_matrix_height(int z) { return 1u << z; }

Envelope crs84_tile_bounds(const TileId& t) {
  const double size = 180.0 / std::ldexp(1.0, t.z);
  Envelope e;
  e.min_x = -180.0 + t.x * size;
  e.max_x = e.min_x + size;
  e.max_y = 90.0 - t.y * size;
  e.min_y = e.max_y - size;
  return e;
}

TileRange crs84_tiles_covering(const Envelope& lonlat, int z) {
  const double size = 180.0 / std::ldexp(1.0, z);
  auto index = [&](double v, std::uint32_t n) {
    return static_cast<std::uint32_t>(std::clamp(std::floor(v / size), 0.0, static_cast<double>(n - 1)));
  };
  TileRange r;
  r.min_x = index(lonlat.min_x + 180.0, crs84_matrix_width(z));
  r.max_x = index(lonlat.max_x + 180.0, crs84_matrix_width(z));
  r.min_y = index(90.0 - lonlat.max_y, crs84_matrix_height(z));
  r.max_y = index(90.0 - lonlat.min_y, crs84_matrix_height(z));
  return r;
}

}  // namespace geo
