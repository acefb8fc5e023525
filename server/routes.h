#pragma once
// Every route of the server, declared in one place.
#include "layers/registry.h"
#include "server/http/router.h"

namespace server {

// The registry must outlive the router: handlers hold a reference to it.
http::Router make_router(const layers::Registry& registry);

}  // namespace server
