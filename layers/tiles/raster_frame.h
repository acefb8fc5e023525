#pragma once
// The tile matrix sets map tiles are served in, and where a tile of either
// lies: its pixels, the boxes that select what it draws, and the zoom whose
// simplified shapes it draws. WebMercatorQuad is the XYZ grid of every
// other tile; WorldCRS84Quad (longitude and latitude) is what GDAL 3.6's
// OGC API client can place without reprojecting the collection's extent.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/geos/geometry.h"
#include "geo/tile_math.h"

namespace layers {

enum class TileMatrixSet { web_mercator_quad, world_crs84_quad };
// "WebMercatorQuad" | "WorldCRS84Quad".
std::string_view tile_matrix_set_name(TileMatrixSet tms);
std::optional<TileMatrixSet> parse_tile_matrix_set(std::string_view name);
const std::vector<std::string>& tile_matrix_set_names();
// The last tile matrix served (WorldCRS84Quad's pixels are about twice as
// fine as WebMercatorQuad's of the same number in Chile, so it stops one sooner).
int max_tile_matrix(TileMatrixSet tms);
// Columns and rows of tile matrix z.
std::uint32_t matrix_width(TileMatrixSet tms, int z);
std::uint32_t matrix_height(TileMatrixSet tms, int z);
// The tiles of matrix z that meet a lon/lat box (x: columns, y: rows).
geo::TileRange tiles_covering(TileMatrixSet tms, const geo::Envelope& lonlat, int z);

// One tile of `px` pixels square: tile.x is its column, tile.y its row.
class RasterFrame {
 public:
  RasterFrame(TileMatrixSet tms, const geo::TileId& tile, int px);
  void mercator_to_px(double mx, double my, double& px, double& py) const;
  void lonlat_to_px(double lon, double lat, double& px, double& py) const;
  // The tile grown by margin_px pixels on every side, in Web Mercator metres / in degrees.
  geo::Envelope mercator_box(double margin_px) const;
  geo::Envelope lonlat_box(double margin_px) const;
  // The zoom whose simplified copy is fine enough (1/16 pixel or finer).
  int detail_zoom() const { return detail_zoom_; }

 private:
  TileMatrixSet tms_;
  geo::Envelope bounds_;  // metres (WebMercatorQuad) or degrees (WorldCRS84Quad)
  double scale_;          // pixels per bounds unit
  int detail_zoom_;
};

}  // namespace layers
