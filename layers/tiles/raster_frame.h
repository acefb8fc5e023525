#pragma once
// The tile matrix sets map tiles are served in, and the frame a map is
// drawn in: a tile of either set, or any box of a map CRS (a WMS GetMap) at
// any pixel size; its pixels, the boxes that select what it draws, and the
// zoom whose simplified shapes it draws. WebMercatorQuad is the XYZ grid of
// every other tile; WorldCRS84Quad (longitude and latitude) is what GDAL
// 3.6's OGC API client can place without reprojecting the collection's
// extent. A tile is a frame like any other: tiles and maps share one drawing.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/geos/geometry.h"
#include "geo/proj/proj_transform.h"
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

// The CRSs a frame is drawn in: Web Mercator metres, longitude/latitude
// degrees, or UTM metres (zones 18 and 19 south, reached through PROJ).
enum class FrameCrs { web_mercator, lonlat, utm18s, utm19s };

class RasterFrame {
 public:
  // One tile of `px` pixels square: tile.x is its column, tile.y its row.
  RasterFrame(TileMatrixSet tms, const geo::TileId& tile, int px);
  // `box` of crs (x east, y north, in the CRS's units) drawn into width x
  // height pixels. A UTM frame creates its PROJ transforms on this thread:
  // use it on this thread only.
  RasterFrame(FrameCrs crs, const geo::Envelope& box, int width, int height);
  int width() const { return width_; }
  int height() const { return height_; }
  // Throws geo::ProjError where a UTM frame's transformation fails.
  void mercator_to_px(double mx, double my, double& px, double& py) const;
  void lonlat_to_px(double lon, double lat, double& px, double& py) const;
  // The lon/lat under a pixel position; false where PROJ cannot place it.
  bool px_to_lonlat(double px, double py, double& lon, double& lat) const;
  // The tile grown by margin_px pixels on every side, in Web Mercator metres / in degrees.
  geo::Envelope mercator_box(double margin_px) const;
  geo::Envelope lonlat_box(double margin_px) const;
  // The zoom whose simplified copy is fine enough (1/16 pixel or finer).
  int detail_zoom() const { return detail_zoom_; }

 private:
  // The frame's box grown by margin_px pixels on every side, in its CRS.
  geo::Envelope grown(double margin_px) const;

  FrameCrs crs_;
  geo::Envelope bounds_;     // in crs_ units
  double scale_x_, scale_y_;  // pixels per crs_ unit (equal in tiles)
  int width_, height_;
  int detail_zoom_;
  // UTM only: lon/lat -> crs and back.
  std::shared_ptr<const geo::ProjTransform> to_crs_, from_crs_;
};

}  // namespace layers
