#pragma once
// Initiatives: one record, and those related to a territorial unit.
#include "layers/snapshot/registry.h"
#include "server/http/request.h"
#include "server/http/response.h"

namespace server::routes {

// GET /initiatives/{id}
http::Response get_initiative(const http::Request& r, const layers::Registry& reg);
// GET /territories/{code}/initiatives?division=&<filters>
http::Response territory_initiatives(const http::Request& r, const layers::Registry& reg);

}  // namespace server::routes
