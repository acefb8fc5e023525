#pragma once
// Cross-tabulations of initiatives: the seed report's annex tables.
#include "layers/snapshot/registry.h"
#include "server/http/request.h"
#include "server/http/response.h"

namespace server::routes {

// GET /stats/initiatives?by=A[&by=B]&division=2018|2007&f=json|csv&<filters>
// (by may also be "A,B").
http::Response initiative_stats(const http::Request& r, const layers::Registry& reg);

}  // namespace server::routes
