#include "geo/tile_math.h"

#include <algorithm>
#include <cmath>

namespace geo {

namespace {
constexpr double kEarthRadius = 6378137.0;
constexpr double kPi = 3.14159265358979323846;
}  // namespace

void lonlat_to_mercator(double lon, double lat, double& x, double& y) {
  lat = std::clamp(lat, -kMercatorMaxLatitude, kMercatorMaxLatitude);
  x = kEarthRadius * lon * kPi / 180.0;
  y = kEarthRadius * std::log(std::tan(kPi / 4.0 + lat * kPi / 360.0));
}

void mercator_to_lonlat(double x, double y, double& lon, double& lat) {
  lon = x / kEarthRadius * 180.0 / kPi;
  lat = (2.0 * std::atan(std::exp(y / kEarthRadius)) - kPi / 2.0) * 180.0 / kPi;
}

double tile_size_metres(int z) { return 2.0 * kMercatorHalfWorld / std::ldexp(1.0, z); }

Envelope tile_bounds(const TileId& t) {
  const double size = tile_size_metres(t.z);
  Envelope e;
  e.min_x = -kMercatorHalfWorld + t.x * size;
  e.max_x = e.min_x + size;
  e.max_y = kMercatorHalfWorld - t.y * size;
  e.min_y = e.max_y - size;
  return e;
}

TileRange tiles_covering(const Envelope& lonlat, int z) {
  double x0, y0, x1, y1;
  lonlat_to_mercator(lonlat.min_x, lonlat.max_y, x0, y0);  // north-west corner
  lonlat_to_mercator(lonlat.max_x, lonlat.min_y, x1, y1);  // south-east corner
  const double size = tile_size_metres(z);
  const double last = std::ldexp(1.0, z) - 1;
  auto index = [&](double v) { return static_cast<std::uint32_t>(std::clamp(std::floor(v / size), 0.0, last)); };
  TileRange r;
  r.min_x = index(x0 + kMercatorHalfWorld);
  r.max_x = index(x1 + kMercatorHalfWorld);
  r.min_y = index(kMercatorHalfWorld - y0);
  r.max_y = index(kMercatorHalfWorld - y1);
  return r;
}

std::optional<std::uint32_t> parse_tile_number(std::string_view text, std::uint32_t max) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  if (text.size() > 1 && text[0] == '0') return std::nullopt;
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v > max) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

TileTransform::TileTransform(const TileId& t, double extent) {
  const Envelope b = tile_bounds(t);
  origin_x_ = b.min_x;
  origin_y_ = b.max_y;
  scale_ = extent / (b.max_x - b.min_x);
}

}  // namespace geo
