#include "server/http/cors.h"

namespace server::http {

void allow_any_origin(Response& response) {
  if (!find_header(response, "Access-Control-Allow-Origin")) {
    response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  }
}

Response preflight(const std::string& allow) {
  Response response = empty(204);
  response.headers = {
      {"Allow", allow},
      {"Access-Control-Allow-Methods", allow},
      {"Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match"},
      // Browsers may cache the preflight for ten minutes instead of repeating it.
      {"Access-Control-Max-Age", "600"},
  };
  return response;
}

}  // namespace server::http
