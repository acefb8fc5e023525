#pragma once
// OGC API - Features collections: /collections, /collections/{id},
// /collections/{id}/items, /collections/{id}/items/{featureId} and
// /collections/{id}/queryables (Parts 1, 2 and 3) and /collections/{id}/schema
// (Part 5); downloads of items are server/routes/downloads.h.
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/routes/ogc_context.h"

namespace server::routes {

http::Response collections(const http::Request& r, const OgcContext& ctx);
http::Response collection(const http::Request& r, const OgcContext& ctx);
http::Response items(const http::Request& r, const OgcContext& ctx);
http::Response item(const http::Request& r, const OgcContext& ctx);
http::Response queryables(const http::Request& r, const OgcContext& ctx);
http::Response schema(const http::Request& r, const OgcContext& ctx);

}  // namespace server::routes
