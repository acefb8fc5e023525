#pragma once
// Cross-origin access (the Fetch standard's CORS protocol). Reads are
// public: any origin may GET and HEAD, since credentials travel in
// Authorization, never in cookies, which is what makes "*" safe. Writes
// (any other method) are for the origins an operator names, so that no
// web page a visitor happens to open can spend the server's CPU on
// uploads. Operator routes (/metrics) get no CORS header at all.
#include <string>
#include <vector>

#include "server/http/request.h"
#include "server/http/response.h"

namespace server::http {

// Per route: whether browsers on other origins may read it.
enum class CrossOrigin {
  allowed,  // reads from any origin, writes from the write origins
  none,     // never: for operators, not for web pages
};

struct CorsPolicy {
  // Origins ("https://gore.example.cl") whose pages may send non-safe
  // requests (POST, PUT, PATCH, DELETE); compared exactly.
  std::vector<std::string> write_origins;

  bool may_write(const std::string& origin) const;
};

// Whether a method is safe (RFC 9110 9.2.1) in the sense that matters
// here: GET and HEAD read only. OPTIONS is handled as a preflight.
bool is_read_method(const std::string& method);

// Adds Access-Control-Allow-Origin to the response of request, unless the
// handler chose one itself: "*" on reads, the request's Origin on writes
// from a write origin (with Vary: Origin), nothing otherwise.
void apply_cors(Response& response, const Request& request, CrossOrigin route, const CorsPolicy& policy);

// The 204 answer to an OPTIONS request on a path serving the methods in
// allow ("GET, HEAD, OPTIONS"). As a CORS preflight it allows what
// apply_cors would: a write method only for a write origin.
Response preflight(const Request& request, const std::string& allow, CrossOrigin route, const CorsPolicy& policy);

}  // namespace server::http
