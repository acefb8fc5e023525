#include "server/http/request.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "server/http/errors.h"
#include "server/http/text.h"

namespace server::http {

std::string Request::media_type() const {
  std::string t = header("content-type").value_or("");
  t = t.substr(0, t.find(';'));
  t.erase(std::remove_if(t.begin(), t.end(), [](unsigned char c) { return std::isspace(c); }), t.end());
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return t;
}

std::optional<std::string> Request::header(std::string_view name) const {
  std::optional<std::string> joined;
  for (const auto& [field, value] : headers) {
    if (!iequals(field, name)) continue;
    if (joined) {
      *joined += ", ";
      *joined += value;
    } else {
      joined = value;
    }
  }
  return joined;
}

std::optional<std::string> Request::query_value(std::string_view name) const {
  std::optional<std::string> found;
  for (const auto& [param, value] : query) {
    if (param != name) continue;
    if (found) {
      throw BadRequest("query parameter '" + std::string(name) + "' may appear only once",
                       {{"parameter", std::string(name)}});
    }
    found = value;
  }
  return found;
}

std::vector<std::string> Request::query_values(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [param, value] : query) {
    if (param == name) values.push_back(value);
  }
  return values;
}

const std::string& Request::path_param(const std::string& name) const {
  const auto it = path_params.find(name);
  if (it == path_params.end()) throw std::logic_error("route has no path parameter {" + name + "}");
  return it->second;
}

}  // namespace server::http
