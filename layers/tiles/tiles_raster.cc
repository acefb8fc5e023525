#include "layers/tiles/tiles_raster.h"

#include <stdexcept>

namespace layers {

void draw_unit_choropleth(geo::RasterCanvas& canvas, const RasterFrame& frame, const ZoomedPolygons& shapes,
                          const std::vector<UnitStats>& stats, Measure measure, double stroke_width) {
  const int detail_zoom = frame.detail_zoom();
  // Two pixels of margin so boundary strokes continue across frame edges.
  for (std::size_t i : shapes.query(detail_zoom, frame.mercator_box(2))) {
    std::vector<geo::FlatPolygon> polys = shapes.shape(detail_zoom, i);
    for (auto& p : polys)
      for (auto& ring : p.rings)
        for (std::size_t k = 0; k + 1 < ring.size(); k += 2) frame.mercator_to_px(ring[k], ring[k + 1], ring[k], ring[k + 1]);
    const geo::Rgba fill = palette(measure)[class_of(measure, stats[i])].colour;
    canvas.draw_polygons(polys, fill, kBoundaryColour, stroke_width);
  }
}

std::string build_raster_tile(const TileSet& tileset, const RasterQuery& q, const StatsLookup& stats) {
  const std::optional<Level> level = tile_layer_level(q.tile.layer);
  if (!level) throw std::invalid_argument("raster tiles draw unit layers only");
  const Division division = tile_layer_division(q.tile.layer).value_or(q.tile.division);
  const int px = 256 * q.scale;
  geo::RasterCanvas canvas(px);
  const RasterFrame frame(q.tms, q.tile.tile, px);
  draw_unit_choropleth(canvas, frame, tileset.units(*level, division), *stats(*level, division), q.measure,
                       kBoundaryWidth * q.scale);
  return canvas.png();
}

}  // namespace layers
