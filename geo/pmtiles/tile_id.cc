#include "geo/pmtiles/tile_id.h"

#include <stdexcept>
#include <utility>

namespace geo::pmtiles {

namespace {

// One step of the Hilbert curve: the quadrant's frame turned so that the
// curve inside it starts and ends where the outer curve needs it.
void turn(std::uint64_t size, std::uint64_t& x, std::uint64_t& y, std::uint64_t rx, std::uint64_t ry) {
  if (ry != 0) return;
  if (rx == 1) {
    x = size - 1 - x;
    y = size - 1 - y;
  }
  std::swap(x, y);
}

}  // namespace

std::uint64_t first_id_of_zoom(int z) {
  // 1 + 4 + ... + 4^(z-1), written so nothing overflows for z <= 31.
  return ((std::uint64_t{1} << (2 * z)) - 1) / 3;
}

std::uint64_t tile_id(const TileId& t) {
  if (t.z < 0 || t.z > kMaxZoom) throw std::invalid_argument("tile zoom out of range");
  const std::uint64_t size = std::uint64_t{1} << t.z;
  std::uint64_t x = t.x, y = t.y, d = 0;
  for (std::uint64_t s = size / 2; s > 0; s /= 2) {
    const std::uint64_t rx = (x & s) ? 1 : 0, ry = (y & s) ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    turn(size, x, y, rx, ry);
  }
  return first_id_of_zoom(t.z) + d;
}

TileId tile_of(std::uint64_t id) {
  int z = 0;
  while (z < kMaxZoom && first_id_of_zoom(z + 1) <= id) ++z;
  const std::uint64_t size = std::uint64_t{1} << z;
  std::uint64_t d = id - first_id_of_zoom(z), x = 0, y = 0;
  for (std::uint64_t s = 1; s < size; s *= 2) {
    const std::uint64_t rx = 1 & (d / 2), ry = 1 & (d ^ rx);
    turn(s, x, y, rx, ry);
    x += s * rx;
    y += s * ry;
    d /= 4;
  }
  return {z, static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)};
}

}  // namespace geo::pmtiles
