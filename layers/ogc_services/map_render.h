#pragma once
// A WMS map: the coverage choropleths of unit layers drawn, in order, into
// any box of a map CRS at any size up to kMaxMapPixels a side, through the
// same drawing as the map tiles (a tile is one such frame).
#include <string>
#include <vector>

#include "geo/raster/raster_canvas.h"
#include "layers/model/initiative_filter.h"
#include "layers/snapshot/snapshot.h"
#include "layers/tiles/raster_frame.h"
#include "layers/tiles/tiles_palette.h"

namespace layers {

// The largest WIDTH and HEIGHT of a map (capabilities' MaxWidth/MaxHeight).
inline constexpr int kMaxMapPixels = 4096;

// The tile layers a map draws: the unit layers (regions, provinces,
// communes, regions-2007, provinces-2007), in that order.
const std::vector<TileLayer>& map_layers();
bool is_map_layer(TileLayer layer);

struct MapLayer {
  TileLayer layer = TileLayer::communes;
  Measure measure = Measure::initiatives;
};

struct MapQuery {
  std::vector<MapLayer> layers;  // drawn first to last
  FrameCrs crs = FrameCrs::web_mercator;
  geo::Envelope box;  // x east, y north, in crs
  int width = 256, height = 256;
  bool transparent = true;
  geo::Rgba background{255, 255, 255, 255};  // under the layers when not transparent
  Division division = Division::d2018;       // of layers not fixed to one
  InitiativeFilter filter;
};

// The PNG of the map; throws std::invalid_argument for a layer that is no
// map layer or a size out of 1..kMaxMapPixels.
std::string render_map(const Snapshot& snapshot, const MapQuery& query);

}  // namespace layers
