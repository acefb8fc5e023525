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

std::optional<std::string> frame_options_for(std::string_view policy) {
  // Directives are ';'-separated, each a name and its space-separated sources.
  while (!policy.empty()) {
    const std::size_t end = policy.find(';');
    const std::string_view directive = trim(policy.substr(0, end));
    policy = end == std::string_view::npos ? std::string_view{} : policy.substr(end + 1);
    const std::size_t space = directive.find_first_of(" \t");
    if (!iequals(directive.substr(0, space), "frame-ancestors")) continue;
    const std::string_view sources = space == std::string_view::npos ? std::string_view{} : trim(directive.substr(space));
    if (iequals(sources, "'none'") || sources.empty()) return "DENY";
    if (iequals(sources, "'self'")) return "SAMEORIGIN";
    return std::nullopt;
  }
  return "SAMEORIGIN";
}

void add_security_headers(Response& response) {
  add_unless_set(response, "X-Content-Type-Options", "nosniff");
  add_unless_set(response, "Referrer-Policy", "no-referrer");
  if (!is_html(response)) return;
  add_unless_set(response, "Content-Security-Policy", kDefaultHtmlPolicy);
  if (find_header(response, "X-Frame-Options")) return;
  if (const auto frame = frame_options_for(*find_header(response, "Content-Security-Policy")))
    response.headers.emplace_back("X-Frame-Options", *frame);
}

}  // namespace server::http
