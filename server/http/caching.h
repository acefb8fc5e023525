#pragma once
// HTTP validators and freshness: ETag with If-None-Match (RFC 9110 13.1.2)
// answered by 304 Not Modified, and Cache-Control. Routes compute a
// validator from what the response depends on (data fingerprint, request),
// so a revalidation can be answered before the body is built.
#include <string>
#include <string_view>

#include "server/http/request.h"
#include "server/http/response.h"

namespace server::http {

// A weak entity tag W/"<16 hex digits>" hashed from seed.
std::string weak_etag(std::string_view seed);

// Whether the request's If-None-Match matches etag (weak comparison; "*" matches).
bool not_modified_since(const Request& request, const std::string& etag);

// 304 with the validators and no body.
Response not_modified(const std::string& etag, const std::string& cache_control);

// Sets ETag and Cache-Control on response, or answers 304 when the
// client's copy is current.
Response conditional(const Request& request, Response response, std::string etag, std::string cache_control);

}  // namespace server::http
