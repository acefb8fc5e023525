#pragma once
// Cross-origin access: the API is public and read-mostly, so any origin may
// call it; credentials travel in Authorization, never in cookies, which is
// what makes "*" safe here.
#include <string>

#include "server/http/response.h"

namespace server::http {

// Access-Control-Allow-Origin: * unless the handler chose an origin itself.
void allow_any_origin(Response& response);

// The 204 answer to an OPTIONS (CORS preflight) request on a path
// serving the given methods ("GET, HEAD, OPTIONS").
Response preflight(const std::string& allow);

}  // namespace server::http
