#pragma once
// What a handler returns: status, extra header fields and body. Framing
// fields (Content-Length, Connection, Date) are the server's business and
// are ignored if a handler sets them. A body too large to hold in memory
// (a whole-layer download) comes from a BodySource instead, read piece by
// piece as the client takes it.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace server::http {

// Bytes of a known length, read in order once (the server reads them on
// the connection's worker as the socket drains).
class BodySource {
 public:
  virtual ~BodySource() = default;
  // The length of the whole body (sent as Content-Length).
  virtual std::size_t size() const = 0;
  // The next bytes, at most max; empty only at the end. Throws on a read
  // failure (the connection then closes: its head is already out).
  virtual std::string read(std::size_t max) = 0;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // sent in this order
  std::string body;
  std::string content_type = "application/json";  // empty: no Content-Type field
  std::shared_ptr<BodySource> stream;              // when set, the body instead of `body`
};

// The whole body: `body`, or what the stream holds (read to its end). For
// tests and small responses.
std::string body_of(Response& response);

// A JSON response; body must already be serialized JSON.
Response json(int status, std::string body);

// A response without content (204 No Content, 304 Not Modified, ...).
Response empty(int status);

// The value of a header field the response carries (case-insensitive name).
std::optional<std::string> find_header(const Response& response, std::string_view name);

// Sets a header field, replacing any earlier field of that name.
void set_header(Response& response, std::string name, std::string value);

}  // namespace server::http
