#pragma once
// Whether a connection persists after a response (RFC 9112 section 9.3).
#include <optional>
#include <string>
#include <string_view>

namespace server::http {

// version: "HTTP/1.1" or "HTTP/1.0"; connection: the request's Connection
// field, if any. HTTP/1.1 persists unless the client sent "close"; HTTP/1.0
// only when it sent "keep-alive".
bool wants_persistent(std::string_view version, const std::optional<std::string>& connection);

}  // namespace server::http
