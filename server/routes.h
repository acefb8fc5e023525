#pragma once
// Every route of the server, declared in one place.
#include "layers/registry_holder.h"
#include "server/http/router.h"
#include "server/site.h"

namespace server {

// The holder must outlive the router. Each request works on the registry
// snapshot current when it starts.
http::Router make_router(layers::RegistryHolder& registry, const Site& site = {});

}  // namespace server
