#include "server/params.h"

#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "server/http/errors.h"

namespace server {

void check_known_params(const http::Request& r, std::initializer_list<std::string_view> allowed) {
  for (const auto& [name, value] : r.query) {
    bool ok = false;
    for (auto a : allowed) ok = ok || a == name;
    if (!ok) {
      nlohmann::json names = nlohmann::json::array();
      for (auto a : allowed) names.push_back(std::string(a));
      throw http::BadRequest("unknown query parameter '" + name + "'", {{"parameter", name}, {"allowed", names}});
    }
  }
}

double parse_number(std::string_view name, const std::string& text, double min, double max) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto r = std::from_chars(text.data(), end, v);
  if (text.empty() || r.ec != std::errc() || r.ptr != end || !std::isfinite(v))
    throw http::BadRequest(std::string(name) + " must be a decimal number, not '" + text + "'",
                           {{"parameter", std::string(name)}});
  if (v < min || v > max)
    throw http::BadRequest(std::string(name) + " must be between " + std::to_string(min) + " and " +
                               std::to_string(max),
                           {{"parameter", std::string(name)}, {"minimum", min}, {"maximum", max}});
  return v;
}

double required_number(const http::Request& r, std::string_view name, double min, double max) {
  const auto v = r.query_value(name);
  if (!v) throw http::BadRequest("missing query parameter " + std::string(name), {{"parameter", std::string(name)}});
  return parse_number(name, *v, min, max);
}

std::size_t count_param(const http::Request& r, std::string_view name, std::size_t fallback, std::size_t max) {
  const auto v = r.query_value(name);
  if (!v) return fallback;
  const double n = parse_number(name, *v, 1, static_cast<double>(max));
  if (n != std::floor(n))
    throw http::BadRequest(std::string(name) + " must be a whole number", {{"parameter", std::string(name)}});
  return static_cast<std::size_t>(n);
}

layers::Division division_param(const http::Request& r) {
  const auto v = r.query_value("division");
  if (!v) return layers::Division::d2018;
  if (auto d = layers::parse_division(*v)) return *d;
  throw http::BadRequest("division must be 2018 or 2007, not '" + *v + "'",
                         {{"parameter", "division"}, {"allowed", {"2018", "2007"}}});
}

std::string parse_unit_code(const std::string& text) {
  if (!layers::level_of_code(text))
    throw http::BadRequest("'" + text + "' is not a CUT code: 2 digits for a region, 3 for a province, 5 for a commune",
                           {{"parameter", "code"}});
  return text;
}

}  // namespace server
