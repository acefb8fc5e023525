#pragma once
// Operations: liveness and readiness.
#include "layers/registry.h"
#include "server/http/request.h"
#include "server/http/response.h"

namespace server::routes {

// GET /healthz: the process answers.
http::Response healthz(const http::Request& r);
// GET /readyz: the store is loaded; its generation and counts.
http::Response readyz(const http::Request& r, const layers::Registry& reg);

}  // namespace server::routes
