#pragma once
// Web Mercator (EPSG:3857) and the XYZ tile scheme (tile 0/0/0 covers the
// world, y grows southwards). Pure arithmetic, no library calls.
#include <cstdint>
#include <optional>
#include <string_view>

#include "geo/geos/geometry.h"

namespace geo {

// Half the width of the Web Mercator square, in metres (pi * 6378137).
inline constexpr double kMercatorHalfWorld = 20037508.342789244;
// The latitude where the Web Mercator square ends.
inline constexpr double kMercatorMaxLatitude = 85.0511287798066;

struct TileId {
  int z = 0;
  std::uint32_t x = 0, y = 0;
  bool operator==(const TileId&) const = default;
};

// lon/lat (degrees) -> Web Mercator metres; latitude clamped to the square.
void lonlat_to_mercator(double lon, double lat, double& x, double& y);
void mercator_to_lonlat(double x, double y, double& lon, double& lat);

// The tile's square in Web Mercator metres.
Envelope tile_bounds(const TileId& t);
// Width of one tile at zoom z, in metres.
double tile_size_metres(int z);

// The tiles of zoom z whose squares meet a lon/lat box, row by row.
struct TileRange {
  std::uint32_t min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};
TileRange tiles_covering(const Envelope& lonlat, int z);

// Parses a decimal tile coordinate with no sign, spaces or leading zeros
// ("0" alone is fine); nullopt when malformed or above max.
std::optional<std::uint32_t> parse_tile_number(std::string_view text, std::uint32_t max);

// Maps Web Mercator metres to the integer grid of a tile of `extent` units
// (x right, y down), the MVT and raster convention.
class TileTransform {
 public:
  TileTransform(const TileId& t, double extent);
  double x(double mx) const { return (mx - origin_x_) * scale_; }
  double y(double my) const { return (origin_y_ - my) * scale_; }
  // Tile units per metre.
  double scale() const { return scale_; }

 private:
  double origin_x_, origin_y_, scale_;
};

}  // namespace geo
