#pragma once
// What a handler returns: status, extra header fields and body. Framing
// fields (Content-Length, Connection, Date) are the server's business and
// are ignored if a handler sets them.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace server::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // sent in this order
  std::string body;
  std::string content_type = "application/json";  // empty: no Content-Type field
};

// A JSON response; body must already be serialized JSON.
Response json(int status, std::string body);

// A response without content (204 No Content, 304 Not Modified, ...).
Response empty(int status);

// The value of a header field the response carries (case-insensitive name).
std::optional<std::string> find_header(const Response& response, std::string_view name);

// Sets a header field, replacing any earlier field of that name.
void set_header(Response& response, std::string name, std::string value);

}  // namespace server::http
