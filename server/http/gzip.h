#pragma once
// gzip content coding (RFC 9110 8.4.1) of responses for clients that accept
// it: textual bodies of some size only (small ones gain nothing, binary
// formats such as GeoPackage are compressed already or barely compress).
#include <optional>
#include <string>
#include <string_view>

#include "server/http/response.h"

namespace server::http {

// Whether an Accept-Encoding value admits gzip (q > 0, by name or "*").
bool accepts_gzip(std::string_view accept_encoding);

// The gzip member of data (zlib, one shot).
std::string gzip(std::string_view data);

// Compresses the body in place when the client accepts gzip and it pays;
// sets Content-Encoding and adds Accept-Encoding to Vary either way for
// compressible responses, so caches keep the two codings apart.
Response gzip_if_accepted(const std::optional<std::string>& accept_encoding, Response response);

}  // namespace server::http
