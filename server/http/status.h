#pragma once
// Reason phrases of the HTTP status codes we send (RFC 9110 section 15).
#include <string_view>

namespace server::http {

// The standard phrase, or "" for a code we do not know (the status line
// then ends in a bare space, which RFC 9112 allows).
std::string_view reason_phrase(int status);

}  // namespace server::http
