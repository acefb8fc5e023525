#pragma once
// Territory queries: a unit by code, the units of a point.
#include "layers/snapshot/registry.h"
#include "server/http/request.h"
#include "server/http/response.h"

namespace server::routes {

// GET /territories/{code}?division=
http::Response get_territory(const http::Request& r, const layers::Registry& reg);
// GET /locate?lon=&lat=
http::Response locate(const http::Request& r, const layers::Registry& reg);

}  // namespace server::routes
