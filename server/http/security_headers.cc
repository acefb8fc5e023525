#include "server/http/security_headers.h"

#include <string>

#include "server/http/text.h"

namespace server::http {
namespace {

void add_unless_set(Response& response, const char* name, std::string_view value) {
  if (!find_header(response, name)) response.headers.emplace_back(name, std::string(value));
}

bool is_html(const Response& response) {
  const auto type = find_header(response, "Content-Type");
  const std::string media = to_lower(type ? *type : response.content_type);
  return media.starts_with("text/html");
}

}  // namespace

void add_security_headers(Response& response) {
  add_unless_set(response, "X-Content-Type-Options", "nosniff");
  add_unless_set(response, "Referrer-Policy", "no-referrer");
  if (!is_html(response)) return;
  add_unless_set(response, "Content-Security-Policy", kDefaultHtmlPolicy);
  add_unless_set(response, "X-Frame-Options", "SAMEORIGIN");
}

}  // namespace server::http
