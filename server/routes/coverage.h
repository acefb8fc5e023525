#pragma once
// Coverage of a level by the initiatives: per unit and summary with gaps.
#include "layers/snapshot/registry.h"
#include "server/http/request.h"
#include "server/http/response.h"

namespace server::routes {

// GET /coverage?level=region|province|commune&division=2018|2007&within=CODE&f=json|csv&<filters>
http::Response coverage(const http::Request& r, const layers::Registry& reg);

}  // namespace server::routes
