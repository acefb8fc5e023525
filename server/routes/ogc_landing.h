#pragma once
// The landing page (/), /conformance and /api (OpenAPI 3.0 and its HTML view).
#include <string>
#include <vector>

#include "server/http/request.h"
#include "server/http/response.h"
#include "server/routes/ogc_context.h"

namespace server::routes {

http::Response landing(const http::Request& r, const OgcContext& ctx);
http::Response conformance(const http::Request& r, const OgcContext& ctx);
http::Response api(const http::Request& r, const OgcContext& ctx);
// The conformance classes /conformance declares.
const std::vector<std::string>& conformance_classes();

}  // namespace server::routes
