#include "layers/tiles/raster_frame.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "geo/error.h"
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

namespace {

// Metres per degree of longitude on the WGS 84 semi-major axis (Web Mercator's x).
constexpr double kMetresPerDegree = geo::kMercatorHalfWorld / 180.0;
// Sample points per edge when a UTM box is carried to lon/lat.
constexpr int kEdgeSamples = 16;

// The zoom whose simplified shapes are fine enough for pixels of `metres`
// Web Mercator metres: tile zoom z draws with zoom z's copy.
int zoom_for_pixel(double metres) {
  const double z = std::log2(geo::tile_size_metres(0) / 256.0 / metres);
  if (!(z > 0)) return 0;
  return std::min(static_cast<int>(std::floor(z + 1e-9)), kMaxTileZoom);
}

const char* proj_name(FrameCrs crs) { return crs == FrameCrs::utm18s ? "EPSG:32718" : "EPSG:32719"; }

}  // namespace

RasterFrame::RasterFrame(TileMatrixSet tms, const geo::TileId& tile, int px)
    : crs_(tms == TileMatrixSet::web_mercator_quad ? FrameCrs::web_mercator : FrameCrs::lonlat),
      bounds_(tms == TileMatrixSet::web_mercator_quad ? geo::tile_bounds(tile) : geo::crs84_tile_bounds(tile)),
      scale_x_(px / (bounds_.max_x - bounds_.min_x)),
      scale_y_(scale_x_),
      width_(px),
      height_(px),
      // A WorldCRS84Quad pixel spans at least half a WebMercatorQuad pixel
      // of the same zoom anywhere south of 60 degrees: the next zoom's copy
      // (1/16 of its pixel) stays under a pixel.
      detail_zoom_(tms == TileMatrixSet::web_mercator_quad ? tile.z : std::min(tile.z + 1, kMaxTileZoom)) {}

RasterFrame::RasterFrame(FrameCrs crs, const geo::Envelope& box, int width, int height)
    : crs_(crs),
      bounds_(box),
      scale_x_(width / (box.max_x - box.min_x)),
      scale_y_(height / (box.max_y - box.min_y)),
      width_(width),
      height_(height) {
  const double unit_px = 1.0 / scale_x_;
  // Pixels in Web Mercator metres along x: a degree of longitude is
  // kMetresPerDegree there; a UTM metre is at least a Web Mercator metre
  // (1 / cos(latitude) of them), so its zoom is never too coarse.
  detail_zoom_ = zoom_for_pixel(crs == FrameCrs::lonlat ? unit_px * kMetresPerDegree : unit_px);
  if (crs == FrameCrs::utm18s || crs == FrameCrs::utm19s) {
    to_crs_ = std::make_shared<const geo::ProjTransform>("OGC:CRS84", proj_name(crs));
    from_crs_ = std::make_shared<const geo::ProjTransform>(proj_name(crs), "OGC:CRS84");
  }
}

void RasterFrame::mercator_to_px(double mx, double my, double& px, double& py) const {
  if (crs_ == FrameCrs::web_mercator) {
    px = (mx - bounds_.min_x) * scale_x_;
    py = (bounds_.max_y - my) * scale_y_;
    return;
  }
  double lon, lat;
  geo::mercator_to_lonlat(mx, my, lon, lat);
  lonlat_to_px(lon, lat, px, py);
}

void RasterFrame::lonlat_to_px(double lon, double lat, double& px, double& py) const {
  if (crs_ == FrameCrs::web_mercator) {
    double mx, my;
    geo::lonlat_to_mercator(lon, lat, mx, my);
    mercator_to_px(mx, my, px, py);
    return;
  }
  if (to_crs_) to_crs_->transform(lon, lat);
  px = (lon - bounds_.min_x) * scale_x_;
  py = (bounds_.max_y - lat) * scale_y_;
}

bool RasterFrame::px_to_lonlat(double px, double py, double& lon, double& lat) const {
  const double x = bounds_.min_x + px / scale_x_;
  const double y = bounds_.max_y - py / scale_y_;
  if (crs_ == FrameCrs::web_mercator) {
    geo::mercator_to_lonlat(x, y, lon, lat);
    return true;
  }
  lon = x;
  lat = y;
  if (!from_crs_) return true;
  try {
    from_crs_->transform(lon, lat);
  } catch (const geo::ProjError&) {
    return false;
  }
  return true;
}

geo::Envelope RasterFrame::grown(double margin_px) const {
  const double mx = margin_px / scale_x_, my = margin_px / scale_y_;
  return {bounds_.min_x - mx, bounds_.min_y - my, bounds_.max_x + mx, bounds_.max_y + my};
}

geo::Envelope RasterFrame::mercator_box(double margin_px) const {
  if (crs_ == FrameCrs::web_mercator) return grown(margin_px);
  const geo::Envelope ll = lonlat_box(margin_px);
  geo::Envelope out;
  geo::lonlat_to_mercator(std::max(ll.min_x, -180.0), std::max(ll.min_y, -85.06), out.min_x, out.min_y);
  geo::lonlat_to_mercator(std::min(ll.max_x, 180.0), std::min(ll.max_y, 85.06), out.max_x, out.max_y);
  return out;
}

geo::Envelope RasterFrame::lonlat_box(double margin_px) const {
  const geo::Envelope g = grown(margin_px);
  if (crs_ == FrameCrs::lonlat) return g;
  geo::Envelope out;
  if (crs_ == FrameCrs::web_mercator) {
    geo::mercator_to_lonlat(g.min_x, g.min_y, out.min_x, out.min_y);
    geo::mercator_to_lonlat(g.max_x, g.max_y, out.max_x, out.max_y);
    return out;
  }
  // UTM: a rectangle's lon/lat extremes lie on its edges; points PROJ
  // cannot carry back (far outside the zone) are left out.
  out = {1e300, 1e300, -1e300, -1e300};
  for (int k = 0; k <= kEdgeSamples; ++k) {
    const double t = static_cast<double>(k) / kEdgeSamples;
    const double x = g.min_x + t * (g.max_x - g.min_x), y = g.min_y + t * (g.max_y - g.min_y);
    for (auto [px, py] : {std::pair{x, g.min_y}, std::pair{x, g.max_y}, std::pair{g.min_x, y}, std::pair{g.max_x, y}}) {
      try {
        from_crs_->transform(px, py);
      } catch (const geo::ProjError&) {
        continue;
      }
      out.min_x = std::min(out.min_x, px);
      out.min_y = std::min(out.min_y, py);
      out.max_x = std::max(out.max_x, px);
      out.max_y = std::max(out.max_y, py);
    }
  }
  if (out.min_x > out.max_x) return {0, 0, 0, 0};
  return {std::max(out.min_x, -180.0), std::max(out.min_y, -90.0), std::min(out.max_x, 180.0), std::min(out.max_y, 90.0)};
}

}  // namespace layers
