#pragma once
// Content codings of request bodies (RFC 9110 8.4): a client may upload
// gzip-compressed content. We inflate it before any handler sees the body,
// bounded by the body limit, so a small compressed bomb cannot grow into
// gigabytes.
#include <cstddef>
#include <string>
#include <string_view>

#include "server/http/request.h"

namespace server::http {

// The inflated gzip data (one or more members). Throws PayloadTooLarge
// (413) when it would exceed max_bytes and BadRequest (400) when the data
// is not gzip or is cut short.
std::string gunzip(std::string_view data, std::size_t max_bytes);

// Removes the request's Content-Encoding from its body: gzip and x-gzip
// are inflated (several in the order applied), identity is nothing; any
// other coding is 415 Unsupported Media Type. The field is dropped once
// decoded, so handlers see plain content.
void decode_content(Request& request, std::size_t max_bytes);

}  // namespace server::http
