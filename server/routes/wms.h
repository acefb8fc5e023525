#pragma once
// WMS 1.3.0 at /wms (KVP): GetCapabilities, GetMap (the unit choropleths
// in EPSG:3857, EPSG:4326, CRS:84, EPSG:32718, EPSG:32719, up to
// layers::kMaxMapPixels a side), GetFeatureInfo (the unit under I/J and its
// coverage figures) and GetLegendGraphic (a style's legend PNG). The
// coverage filter and division are vendor parameters. Errors are WMS
// exception reports (server/routes/ogc_service_kvp.h).
#include <memory>

#include "layers/snapshot/registry_holder.h"
#include "server/http/router.h"
#include "server/site.h"

namespace server::routes {

http::Response wms(const http::Request& r, const layers::Snapshot& snapshot, const Site& site);

void add_wms_routes(http::Router& router, layers::RegistryHolder& holder, const Site& site);

}  // namespace server::routes
