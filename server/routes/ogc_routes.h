#pragma once
// Registers the OGC API - Features routes (/, /conformance, /api,
// /collections/...) on the router. The feature catalog is built for the
// current registry now and rebuilt whenever the registry is reloaded.
#include "layers/registry_holder.h"
#include "server/http/router.h"
#include "server/site.h"

namespace server::routes {

void add_ogc_routes(http::Router& router, layers::RegistryHolder& holder, const Site& site);

}  // namespace server::routes
