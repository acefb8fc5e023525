#pragma once
// Registers the OGC API - Features routes (/, /conformance, /api,
// /collections/...) on the router. Each request answers from the feature
// catalog of the snapshot current at its start.
#include "layers/snapshot/registry_holder.h"
#include "server/http/router.h"
#include "server/site.h"

namespace server::routes {

void add_ogc_routes(http::Router& router, layers::RegistryHolder& holder, const Site& site);

}  // namespace server::routes
