#pragma once
// The MapLibre style written next to an offline package, with the package
// as its one vector source: the server's default style of the tileset
// (layers/styles: the same classes and colours as the map tiles), or for
// tilesets without classes (initiatives, territorio) the points and
// footprints in the initiatives' map tile colours and units as outlines.
#include <string>

#include <nlohmann/json.hpp>

#include "layers/tiles/tiles.h"

namespace layers {

// source_url: how a client finds the package, e.g. "pmtiles://communes.pmtiles"
// or "mbtiles://communes.mbtiles" (relative to the style's folder).
nlohmann::json package_style(TileLayer layer, const std::string& source_url);

}  // namespace layers
