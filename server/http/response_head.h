#pragma once
// Serializes the status line and header fields of a Response. We write
// responses ourselves instead of through Pistache's ResponseWriter so that
// we decide Connection, can send a HEAD's Content-Length without a body,
// and can repeat or freely name fields.
#include <cstddef>
#include <string>

#include "server/http/response.h"

namespace server::http {

enum class ConnectionField {
  none,        // HTTP/1.1 persistence is the default: say nothing
  keep_alive,  // an HTTP/1.0 client that asked to keep the connection
  close,       // the connection ends after this response
};

// Whether the status may carry content: not 1xx, 204 or 304 (RFC 9110 6.4.1).
bool status_allows_content(int status);

// "HTTP/1.1 200 OK\r\n...fields...\r\n\r\n" for a body of content_length
// bytes. Fields the server owns (Content-Length, Connection, Date,
// Transfer-Encoding) are dropped from response.headers. Throws
// std::invalid_argument for a status outside 100-599 or a field that could
// break the framing (a name that is not a token, CR/LF/NUL in a value).
// room: bytes the caller will append (the body), reserved with the head.
std::string response_head(const Response& response, std::size_t content_length, ConnectionField connection,
                          std::size_t room = 0);

}  // namespace server::http
