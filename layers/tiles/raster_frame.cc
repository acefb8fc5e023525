#include "layers/tiles/raster_frame.h"

#include <algorithm>

#include "geo/tile_crs84.h"
#include "layers/tiles/tileset.h"

namespace layers {

namespace {
constexpr std::string_view kNames[] = {"WebMercatorQuad", "WorldCRS84Quad"};
}  // namespace

std::string_view tile_matrix_set_name(TileMatrixSet tms) { return kNames[static_cast<std::size_t>(tms)]; }

std::optional<TileMatrixSet> parse_tile_matrix_set(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kNames); ++i)
    if (kNames[i] == name) return static_cast<TileMatrixSet>(i);
  return std::nullopt;
}

const std::vector<std::string>& tile_matrix_set_names() {
  static const std::vector<std::string> names(std::begin(kNames), std::end(kNames));
  return names;
}

int max_tile_matrix(TileMatrixSet tms) {
  return tms == TileMatrixSet::web_mercator_quad ? kMaxTileZoom : kMaxTileZoom - 1;
}

std::uint32_t matrix_width(TileMatrixSet tms, int z) {
  return tms == TileMatrixSet::web_mercator_quad ? 1u << z : geo::crs84_matrix_width(z);
}

std::uint32_t matrix_height(TileMatrixSet tms, int z) {
  return tms == TileMatrixSet::web_mercator_quad ? 1u << z : geo::crs84_matrix_height(z);
}

geo::TileRange tiles_covering(TileMatrixSet tms, const geo::Envelope& lonlat, int z) {
  return tms == TileMatrixSet::web_mercator_quad ? geo::tiles_covering(lonlat, z) : geo::crs84_tiles_covering(lonlat, z);
}

RasterFrame::RasterFrame(TileMatrixSet tms, const geo::TileId& tile, int px)
    : tms_(tms),
      bounds_(tms == TileMatrixSet::web_mercator_quad ? geo::tile_bounds(tile) : geo::crs84_tile_bounds(tile)),
      scale_(px / (bounds_.max_x - bounds_.min_x)),
      // A WorldCRS84Quad pixel spans at least half a WebMercatorQuad pixel
      // of the same zoom anywhere south of 60 degrees: the next zoom's copy
      // (1/16 of its pixel) stays under a pixel.
      detail_zoom_(tms == TileMatrixSet::web_mercator_quad ? tile.z : std::min(tile.z + 1, kMaxTileZoom)) {}

void RasterFrame::mercator_to_px(double mx, double my, double& px, double& py) const {
  if (tms_ == TileMatrixSet::web_mercator_quad) {
    px = (mx - bounds_.min_x) * scale_;
    py = (bounds_.max_y - my) * scale_;
    return;
  }
  double lon, lat;
  geo::mercator_to_lonlat(mx, my, lon, lat);
  lonlat_to_px(lon, lat, px, py);
}

void RasterFrame::lonlat_to_px(double lon, double lat, double& px, double& py) const {
  if (tms_ == TileMatrixSet::web_mercator_quad) {
    double mx, my;
    geo::lonlat_to_mercator(lon, lat, mx, my);
    mercator_to_px(mx, my, px, py);
    return;
  }
  px = (lon - bounds_.min_x) * scale_;
  py = (bounds_.max_y - lat) * scale_;
}

geo::Envelope RasterFrame::mercator_box(double margin_px) const {
  const double m = margin_px / scale_;
  const geo::Envelope grown{bounds_.min_x - m, bounds_.min_y - m, bounds_.max_x + m, bounds_.max_y + m};
  if (tms_ == TileMatrixSet::web_mercator_quad) return grown;
  geo::Envelope out;
  geo::lonlat_to_mercator(grown.min_x, grown.min_y, out.min_x, out.min_y);
  geo::lonlat_to_mercator(grown.max_x, grown.max_y, out.max_x, out.max_y);
  return out;
}

geo::Envelope RasterFrame::lonlat_box(double margin_px) const {
  const double m = margin_px / scale_;
  const geo::Envelope grown{bounds_.min_x - m, bounds_.min_y - m, bounds_.max_x + m, bounds_.max_y + m};
  if (tms_ == TileMatrixSet::world_crs84_quad) return grown;
  geo::Envelope out;
  geo::mercator_to_lonlat(grown.min_x, grown.min_y, out.min_x, out.min_y);
  geo::mercator_to_lonlat(grown.max_x, grown.max_y, out.max_x, out.max_y);
  return out;
}

}  // namespace layers
