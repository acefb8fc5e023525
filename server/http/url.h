#pragma once
// Splitting and percent-decoding of request targets (RFC 3986). Malformed
// input is the client's fault, so every failure here is a BadRequest.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace server::http {

struct Target {
  std::string_view path;   // still percent-encoded
  std::string_view query;  // after '?', still encoded; empty if none
};

// Splits an origin-form target ("/a/b?x=1"); throws BadRequest for any other form.
Target split_target(std::string_view target);

// Decodes %XX escapes; with plus_is_space (query strings) '+' is a space.
// Throws BadRequest on a malformed escape or an encoded NUL, which could
// only truncate strings further down.
std::string percent_decode(std::string_view text, bool plus_is_space);

// The decoded segments of an encoded path: "/a/b%2Fc" -> {"a", "b/c"}.
// Decoding after splitting keeps an encoded '/' inside its segment.
// Throws BadRequest when a segment is not UTF-8.
std::vector<std::string> path_segments(std::string_view path);

// "a=1&b=x+y&a=2&flag" -> {{"a","1"},{"b","x y"},{"a","2"},{"flag",""}}:
// decoded, in order, duplicates kept, empty pieces skipped. Throws
// BadRequest when a name or value is not UTF-8, so no handler sees one.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);

}  // namespace server::http
