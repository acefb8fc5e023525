#pragma once
// Header fields that tell browsers how to treat every response, set in one
// place for all of them: no MIME sniffing, no Referer leaking our URLs to
// other sites, and for HTML a Content-Security-Policy that loads nothing
// from elsewhere and lets only our own pages frame it.
#include <string_view>

#include "server/http/response.h"

namespace server::http {

// The policy of HTML pages whose handler set none. The OGC HTML pages
// carry an inline style and script (server/encode/html.cc), hence
// 'unsafe-inline'; the map page sets its own, stricter one.
inline constexpr std::string_view kDefaultHtmlPolicy =
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'self'";

// Adds X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer to
// every response, and to text/html ones the default Content-Security-Policy
// (when the handler set none) and X-Frame-Options for browsers that predate
// frame-ancestors. Fields the handler set are kept.
void add_security_headers(Response& response);

}  // namespace server::http
