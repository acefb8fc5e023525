#pragma once
// The CRSs WMS maps are drawn in, by the names WMS 1.3.0 clients send, with
// their BBOX axis order: EPSG:4326 is latitude first in WMS 1.3.0, CRS:84
// the same datum longitude first; projected CRSs are easting first.
#include <string>
#include <string_view>
#include <vector>

#include "geo/geos/geometry.h"
#include "layers/tiles/raster_frame.h"

namespace layers {

struct MapCrs {
  std::string name;  // as in capabilities and CRS=: "EPSG:3857", "CRS:84", ...
  FrameCrs frame;
  bool lat_first;  // BBOX and BoundingBox give latitude before longitude
};

// EPSG:3857, EPSG:4326, CRS:84, EPSG:32718, EPSG:32719, in that order.
const std::vector<MapCrs>& map_crss();
// By name, ignoring the case of the authority ("epsg:4326"); nullptr if not served.
const MapCrs* find_map_crs(std::string_view name);
// A WMS BBOX (minx,miny,maxx,maxy in the CRS's axis order) as a frame box
// (x east, y north).
geo::Envelope frame_box(const MapCrs& crs, double a, double b, double c, double d);

}  // namespace layers
