#pragma once
// WMTS 1.0.0: GetCapabilities and GetTile in KVP (/wmts?SERVICE=WMTS&...)
// and REST (/wmts/1.0.0/WMTSCapabilities.xml,
// /wmts/1.0.0/{layer}/{style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png).
// A tile is the map tile of /collections/{id}/map/tiles of the same layer,
// measure (the style), matrix set and filter: the same TileService, so the
// same bytes from the same cache. Errors are ows:ExceptionReports
// (server/routes/ogc_service_kvp.h).
#include <memory>

#include "layers/snapshot/registry_holder.h"
#include "layers/tiles/tiles_service.h"
#include "server/http/router.h"
#include "server/site.h"

namespace server::routes {

void add_wmts_routes(http::Router& router, layers::RegistryHolder& holder, const Site& site,
                     std::shared_ptr<layers::TileService> tiles);

}  // namespace server::routes
