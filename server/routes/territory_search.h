#pragma once
// Gazetteer search: units by name, for a search box.
#include "layers/snapshot/registry.h"
#include "server/http/request.h"
#include "server/http/response.h"

namespace server::routes {

// GET /territories?q=NAME&level=&division=&limit=
http::Response search_territories(const http::Request& r, const layers::Registry& reg);

}  // namespace server::routes
