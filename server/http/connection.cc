#include "server/http/connection.h"

#include "server/http/text.h"

namespace server::http {
namespace {

// Connection is a comma-separated list of case-insensitive options.
bool has_option(std::string_view list, std::string_view option) {
  for (;;) {
    const auto comma = list.find(',');
    if (iequals(trim(list.substr(0, comma)), option)) return true;
    if (comma == std::string_view::npos) return false;
    list.remove_prefix(comma + 1);
  }
}

}  // namespace

bool wants_persistent(std::string_view version, const std::optional<std::string>& connection) {
  if (connection && has_option(*connection, "close")) return false;
  if (version == "HTTP/1.1") return true;
  return connection && has_option(*connection, "keep-alive");
}

}  // namespace server::http
