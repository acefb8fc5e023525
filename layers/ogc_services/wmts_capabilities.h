#pragma once
// The WMTS 1.0.0 capabilities document: every tileset with map tiles as a
// layer (its styles, image/png, both tile matrix sets with the limits of
// its extent, a REST ResourceURL template) and the two tile matrix sets:
// WebMercatorQuad (the GoogleMapsCompatible well-known scale set) and
// WorldCRS84Quad. KVP and REST GetTile answer the map tiles' bytes.
#include <string>
#include <vector>

#include "layers/snapshot/snapshot.h"
#include "layers/styles/choropleth.h"

namespace layers {

// The layers WMTS serves (collections with map tiles) and their style names
// (the choropleth styles, or "default" for the initiatives).
const std::vector<TileLayer>& wmts_layers();
std::vector<std::string> wmts_styles(TileLayer layer);
// The classed styles of a layer, whose legends GetLegendGraphic draws
// (none for the initiatives).
std::vector<ChoroplethStyle> legend_styles(TileLayer layer);

std::string wmts_capabilities(const Snapshot& snapshot, const std::string& base);

}  // namespace layers
