#include "layers/tiles/tiles_raster.h"

#include <stdexcept>

#include "geo/raster/raster_canvas.h"
#include "geo/tile_math.h"

namespace layers {

std::string build_raster_tile(const TileSet& tileset, const RasterQuery& q, const StatsLookup& stats) {
  const std::optional<Level> level = tile_layer_level(q.tile.layer);
  if (!level) throw std::invalid_argument("raster tiles draw unit layers only");
  const int px = 256 * q.scale;
  geo::RasterCanvas canvas(px);
  const geo::TileTransform to_px(q.tile.tile, px);
  // A pixel of margin so boundary strokes continue across tile edges.
  geo::Envelope box = geo::tile_bounds(q.tile.tile);
  const double margin = (box.max_x - box.min_x) / px * 2;
  box = {box.min_x - margin, box.min_y - margin, box.max_x + margin, box.max_y + margin};
  // The zoom's copy is simplified to 1/4096 of a tile, well under a pixel.
  const int detail_zoom = q.tile.tile.z;
  const ZoomedPolygons& shapes = tileset.units(*level, q.tile.division);
  const auto st = stats(*level, q.tile.division);
  for (std::size_t i : shapes.query(detail_zoom, box)) {
    std::vector<geo::FlatPolygon> polys = shapes.shape(detail_zoom, i);
    for (auto& p : polys)
      for (auto& ring : p.rings)
        for (std::size_t k = 0; k + 1 < ring.size(); k += 2) {
          ring[k] = to_px.x(ring[k]);
          ring[k + 1] = to_px.y(ring[k + 1]);
        }
    const geo::Rgba fill = palette(q.measure)[class_of(q.measure, (*st)[i])].colour;
    canvas.draw_polygons(polys, fill, kBoundaryColour, 0.5 * q.scale);
  }
  return canvas.png();
}

}  // namespace layers
