#pragma once
// Header fields that tell browsers how to treat every response, set in one
// place for all of them: no MIME sniffing, no Referer leaking our URLs to
// other sites, and for HTML a Content-Security-Policy that loads nothing
// from elsewhere and lets only our own pages frame it.
#include <optional>
#include <string>
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
// frame-ancestors, saying what the policy's frame-ancestors says. Fields the
// handler set are kept.
void add_security_headers(Response& response);

// The X-Frame-Options equivalent of a Content-Security-Policy's
// frame-ancestors: DENY for 'none', SAMEORIGIN for 'self' or no such
// directive, and none for a list of origins (X-Frame-Options cannot name
// them, and would forbid what the policy allows).
std::optional<std::string> frame_options_for(std::string_view policy);

}  // namespace server::http
