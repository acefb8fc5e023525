#include "layers/ogc_services/map_crs.h"

#include <algorithm>
#include <cctype>

namespace layers {

const std::vector<MapCrs>& map_crss() {
  static const std::vector<MapCrs> list = {{"EPSG:3857", FrameCrs::web_mercator, false},
                                           {"EPSG:4326", FrameCrs::lonlat, true},
                                           {"CRS:84", FrameCrs::lonlat, false},
                                           {"EPSG:32718", FrameCrs::utm18s, false},
                                           {"EPSG:32719", FrameCrs::utm19s, false}};
  return list;
}

const MapCrs* find_map_crs(std::string_view name) {
  for (const MapCrs& c : map_crss())
    if (std::equal(c.name.begin(), c.name.end(), name.begin(), name.end(),
                   [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b)); }))
      return &c;
  return nullptr;
}

geo::Envelope frame_box(const MapCrs& crs, double a, double b, double c, double d) {
  if (crs.lat_first) return {b, a, d, c};
  return {a, b, c, d};
}

}  // namespace layers
