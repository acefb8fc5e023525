#pragma once
// What a WMS GetFeatureInfo answers: the unit of a map layer under a point
// and its coverage figures under the request's filter, the same figures
// /coverage gives (initiatives = its total, per_100k rounded to 0.01 as
// there), encoded as a GeoJSON FeatureCollection, HTML or plain text.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "layers/model/initiative_filter.h"
#include "layers/snapshot/snapshot.h"
#include "layers/tiles/tiles_palette.h"

namespace layers {

struct UnitInfo {
  TileLayer layer;
  Division division;
  const Unit* unit;
  std::int64_t initiatives;
  double per_100k;  // rounded to 0.01, as /coverage
  bool covered;
  std::string class_label;  // the unit's class in the layer's style (measure)
};

// The unit of `layer` (a map layer) containing lon/lat (inside a commune
// polygon; the sea off the coast is no unit), or nullopt.
std::optional<UnitInfo> unit_at(const Snapshot& snapshot, TileLayer layer, Measure measure, Division division,
                                const InitiativeFilter& filter, double lon, double lat);

std::string feature_info_geojson(const std::vector<UnitInfo>& units);
std::string feature_info_html(const std::vector<UnitInfo>& units);
std::string feature_info_text(const std::vector<UnitInfo>& units);

}  // namespace layers
