#include "server/http/cors.h"

#include <algorithm>

#include "server/http/text.h"

namespace server::http {
namespace {

void allow_origin(Response& response, const std::string& origin) {
  response.headers.emplace_back("Access-Control-Allow-Origin", origin);
  if (origin == "*") return;
  const auto vary = find_header(response, "Vary");
  if (!vary) {
    response.headers.emplace_back("Vary", "Origin");
  } else if (to_lower(*vary).find("origin") == std::string::npos) {
    set_header(response, "Vary", *vary + ", Origin");
  }
}

// "GET, HEAD, POST, OPTIONS" without the write methods.
std::string read_methods(const std::string& allow) {
  std::string out;
  std::string_view rest = allow;
  for (;;) {
    const auto comma = rest.find(',');
    const std::string method(trim(rest.substr(0, comma)));
    if (is_read_method(method) || method == "OPTIONS") out += (out.empty() ? "" : ", ") + method;
    if (comma == std::string_view::npos) return out;
    rest.remove_prefix(comma + 1);
  }
}

}  // namespace

bool CorsPolicy::may_write(const std::string& origin) const {
  return std::ranges::find(write_origins, origin) != write_origins.end();
}

bool is_read_method(const std::string& method) { return method == "GET" || method == "HEAD"; }

void apply_cors(Response& response, const Request& request, CrossOrigin route, const CorsPolicy& policy) {
  if (route == CrossOrigin::none || find_header(response, "Access-Control-Allow-Origin")) return;
  if (is_read_method(request.method)) {
    allow_origin(response, "*");
    return;
  }
  const auto origin = request.header("origin");
  if (origin && policy.may_write(*origin)) allow_origin(response, *origin);
}

Response preflight(const Request& request, const std::string& allow, CrossOrigin route, const CorsPolicy& policy) {
  Response response = empty(204);
  response.headers.emplace_back("Allow", allow);
  if (route == CrossOrigin::none) return response;
  const std::string wanted = request.header("access-control-request-method").value_or("GET");
  const auto origin = request.header("origin");
  const bool writer = origin && policy.may_write(*origin);
  if (!is_read_method(wanted) && !writer) return response;  // the browser then refuses the write
  allow_origin(response, writer ? *origin : "*");
  response.headers.emplace_back("Access-Control-Allow-Methods", writer ? allow : read_methods(allow));
  response.headers.emplace_back("Access-Control-Allow-Headers",
                                "Authorization, Content-Type, Content-Encoding, If-None-Match");
  // Browsers may cache the preflight for ten minutes instead of repeating it.
  response.headers.emplace_back("Access-Control-Max-Age", "600");
  return response;
}

}  // namespace server::http
