#pragma once
// The MapLibre style written next to an offline package: the package as its
// one vector source and the map's choropleth (initiatives per unit, the
// classes and colours of layers/tiles/tiles_palette.h), initiative points
// and footprints, census zones as points. A minimal writer of our own until
// the styles of the server (issue 17, part 6) can be shared with it.
#include <string>

#include <nlohmann/json.hpp>

#include "layers/tiles/tiles.h"

namespace layers {

// source_url: how a client finds the package, e.g. "pmtiles://communes.pmtiles"
// or "mbtiles://communes.mbtiles" (relative to the style's folder).
nlohmann::json package_style(TileLayer layer, const std::string& source_url);

}  // namespace layers
