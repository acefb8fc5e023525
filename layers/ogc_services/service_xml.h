#pragma once
// What the WMS and WMTS capabilities share: the extent of a tileset's
// collection and a small XML text builder.
#include <string>
#include <string_view>

#include "geo/geos/geometry.h"
#include "layers/snapshot/snapshot.h"

namespace layers::service_xml {

// The lon/lat extent of the tileset's collection (the catalog's when it has none).
geo::Envelope layer_extent(const Snapshot& snapshot, TileLayer layer);
// The title of the tileset's collection.
std::string layer_title(const Snapshot& snapshot, TileLayer layer);

// <name>escaped text</name>
std::string element(std::string_view name, std::string_view text);
// name="escaped value" with a leading space.
std::string attribute(std::string_view name, std::string_view value);

}  // namespace layers::service_xml
