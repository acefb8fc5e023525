#include "layers/ogc_services/map_render.h"

#include <algorithm>
#include <stdexcept>

#include "layers/tiles/tiles_raster.h"

namespace layers {

const std::vector<TileLayer>& map_layers() {
  static const std::vector<TileLayer> list = {TileLayer::regions, TileLayer::provinces, TileLayer::communes,
                                              TileLayer::regions_2007, TileLayer::provinces_2007};
  return list;
}

bool is_map_layer(TileLayer layer) {
  return std::find(map_layers().begin(), map_layers().end(), layer) != map_layers().end();
}

std::string render_map(const Snapshot& snapshot, const MapQuery& q) {
  if (q.width < 1 || q.height < 1 || q.width > kMaxMapPixels || q.height > kMaxMapPixels)
    throw std::invalid_argument("map size out of range");
  geo::RasterCanvas canvas(q.width, q.height);
  if (!q.transparent) canvas.draw_rectangle(0, 0, q.width, q.height, q.background, q.background, 0);
  const RasterFrame frame(q.crs, q.box, q.width, q.height);
  for (const MapLayer& l : q.layers) {
    if (!is_map_layer(l.layer)) throw std::invalid_argument("not a map layer");
    const Level level = *tile_layer_level(l.layer);
    const Division division = tile_layer_division(l.layer).value_or(q.division);
    draw_unit_choropleth(canvas, frame, snapshot.tileset().units(level, division),
                         *snapshot.unit_stats(level, division, q.filter), l.measure, kBoundaryWidth);
  }
  return canvas.png();
}

}  // namespace layers
