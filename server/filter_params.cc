#include "server/filter_params.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "layers/model/text_normalize.h"
#include "layers/model/vocabulary.h"
#include "server/http/errors.h"

namespace server {

namespace {
std::vector<std::string> split_values(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& r : raw) {
    std::size_t start = 0;
    while (start <= r.size()) {
      std::size_t end = r.find(',', start);
      if (end == std::string::npos) end = r.size();
      std::string v = r.substr(start, end - start);
      const auto b = v.find_first_not_of(' ');
      v = b == std::string::npos ? "" : v.substr(b, v.find_last_not_of(' ') - b + 1);
      if (!v.empty()) out.push_back(v);
      start = end + 1;
    }
  }
  return out;
}

std::vector<std::string> list_param(const http::Request& r, const layers::Registry& reg, const std::string& name) {
  const auto values = split_values(r.query_values(name));
  if (values.empty()) return values;
  const auto allowed = layers::allowed_values(reg, name);
  for (const auto& v : values) {
    bool ok = false;
    for (const auto& a : allowed) ok = ok || layers::normalize_name(a) == layers::normalize_name(v);
    if (!ok)
      throw http::BadRequest("unknown value '" + v + "' for " + name,
                             {{"parameter", name}, {"allowed", allowed}});
  }
  return values;
}

int parse_year(const std::string& text) {
  int y = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), y);
  if (text.size() != 4 || r.ec != std::errc() || r.ptr != text.data() + text.size())
    throw http::BadRequest("year must be YYYY, YYYY/YYYY, YYYY/.. or ../YYYY, not '" + text + "'",
                           {{"parameter", "year"}});
  return y;
}
}  // namespace

const std::vector<std::string_view>& filter_param_names() {
  static const std::vector<std::string_view> names = {"area",  "thematic_field", "award",       "stage",
                                                      "institution_type", "scope", "rurality", "contest", "field_visit", "year"};
  return names;
}

void check_known_params_with_filter(const http::Request& r, std::initializer_list<std::string_view> own) {
  for (const auto& [name, value] : r.query) {
    bool ok = false;
    for (auto a : own) ok = ok || a == name;
    for (auto a : filter_param_names()) ok = ok || a == name;
    if (ok) continue;
    nlohmann::json names = nlohmann::json::array();
    for (auto a : own) names.push_back(std::string(a));
    for (auto a : filter_param_names()) names.push_back(std::string(a));
    throw http::BadRequest("unknown query parameter '" + name + "'", {{"parameter", name}, {"allowed", names}});
  }
}

layers::InitiativeFilter parse_filter(const http::Request& r, const layers::Registry& reg) {
  layers::InitiativeFilter f;
  f.area = list_param(r, reg, "area");
  f.thematic_field = list_param(r, reg, "thematic_field");
  f.award = list_param(r, reg, "award");
  f.stage = list_param(r, reg, "stage");
  f.institution_type = list_param(r, reg, "institution_type");
  f.scope = list_param(r, reg, "scope");
  f.rurality = list_param(r, reg, "rurality");
  f.contest = list_param(r, reg, "contest");
  if (auto v = r.query_value("field_visit")) {
    if (*v == "true") f.field_visit = true;
    else if (*v == "false") f.field_visit = false;
    else throw http::BadRequest("field_visit must be true or false", {{"parameter", "field_visit"}, {"allowed", {"true", "false"}}});
  }
  if (auto v = r.query_value("year")) {
    const auto slash = v->find('/');
    if (slash == std::string::npos) {
      f.year_min = f.year_max = parse_year(*v);
    } else {
      const std::string a = v->substr(0, slash), b = v->substr(slash + 1);
      if (a != ".." && !a.empty()) f.year_min = parse_year(a);
      if (b != ".." && !b.empty()) f.year_max = parse_year(b);
      if (f.year_min && f.year_max && *f.year_min > *f.year_max)
        throw http::BadRequest("year range " + *v + " ends before it starts", {{"parameter", "year"}});
    }
  }
  return f;
}

}  // namespace server
