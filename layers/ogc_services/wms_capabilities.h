#pragma once
// The WMS 1.3.0 capabilities document: the service (with MaxWidth and
// MaxHeight), GetMap, GetFeatureInfo and the SLD GetLegendGraphic
// operations, and one queryable layer per map layer, each with its CRSs,
// bounding boxes and one style per measure with its LegendURL.
#include <string>
#include <string_view>
#include <vector>

#include "layers/snapshot/snapshot.h"

namespace layers {

// base: the public base URL, no trailing slash (the service is base + "/wms");
// filter_params: the names of the filter's vendor parameters, for the abstract.
std::string wms_capabilities(const Snapshot& snapshot, const std::string& base,
                             const std::vector<std::string_view>& filter_params);
// The GetLegendGraphic URL of a layer's style, as capabilities advertise it.
std::string wms_legend_url(const std::string& base, TileLayer layer, const std::string& style);

}  // namespace layers
