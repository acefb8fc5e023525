#include "server/routes/stats.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "layers/coverage/crosstab.h"
#include "server/encode/csv.h"
#include "server/filter_params.h"
#include "server/http/errors.h"
#include "server/params.h"

namespace server::routes {

namespace {
using nlohmann::json;

std::vector<std::string> by_param(const http::Request& r) {
  const auto& known = layers::crosstab_attributes();
  std::vector<std::string> by;
  for (const auto& raw : r.query_values("by")) {
    std::size_t start = 0;
    while (start <= raw.size()) {
      std::size_t end = raw.find(',', start);
      if (end == std::string::npos) end = raw.size();
      std::string a = raw.substr(start, end - start);
      start = end + 1;
      if (a.empty()) continue;
      if (std::find(known.begin(), known.end(), a) == known.end())
        throw http::BadRequest("unknown attribute '" + a + "' for by", {{"parameter", "by"}, {"allowed", known}});
      by.push_back(a);
    }
  }
  if (by.empty() || by.size() > 2)
    throw http::BadRequest("by must name one or two attributes", {{"parameter", "by"}, {"allowed", known}});
  if (by.size() == 2 && by[0] == by[1])
    throw http::BadRequest("by names " + by[0] + " twice", {{"parameter", "by"}, {"allowed", known}});
  return by;
}

bool csv_wanted(const http::Request& r) {
  const auto f = r.query_value("f");
  if (!f || *f == "json") return false;
  if (*f == "csv") return true;
  throw http::BadRequest("f must be json or csv, not '" + *f + "'", {{"parameter", "f"}, {"allowed", {"json", "csv"}}});
}

json axis_head(const layers::CrosstabAxis& a) {
  return {{"attribute", a.attribute},
          {"division", a.division ? json(std::string(layers::division_name(*a.division))) : json(nullptr)},
          {"multi_valued", a.multi_valued}};
}

json to_json(const layers::Crosstab& t) {
  json by = json::array();
  for (const auto& a : t.axes) by.push_back(a.attribute);
  json rows = axis_head(t.axes[0]);
  json values = json::array();
  for (std::size_t i = 0; i < t.axes[0].values.size(); ++i) {
    json v = {{"value", t.axes[0].values[i].value}, {"label", t.axes[0].values[i].label},
              {"count", t.axes[0].counts[i]}};
    if (!t.cells.empty()) v["cells"] = t.cells[i];
    values.push_back(std::move(v));
  }
  rows["values"] = values;
  json j = {{"by", by}, {"total", t.total}, {"rows", rows}};
  if (t.axes.size() == 2) {
    json columns = axis_head(t.axes[1]);
    json cvalues = json::array();
    for (std::size_t k = 0; k < t.axes[1].values.size(); ++k)
      cvalues.push_back({{"value", t.axes[1].values[k].value}, {"label", t.axes[1].values[k].label},
                         {"count", t.axes[1].counts[k]}});
    columns["values"] = cvalues;
    j["columns"] = columns;
  }
  return j;
}

// One line per row value (code, label, cells or count, total); the last
// line holds the column totals and the number of initiatives.
std::string to_csv(const layers::Crosstab& t) {
  encode::CsvWriter w;
  const auto& rows = t.axes[0];
  std::vector<std::string> head = {rows.attribute, "label"};
  if (t.axes.size() == 2)
    for (const auto& v : t.axes[1].values) head.push_back(v.label);
  head.push_back(t.axes.size() == 2 ? "total" : "count");
  w.row(head);
  for (std::size_t i = 0; i < rows.values.size(); ++i) {
    std::vector<std::string> line = {rows.values[i].value, rows.values[i].label};
    if (!t.cells.empty())
      for (std::size_t c : t.cells[i]) line.push_back(std::to_string(c));
    line.push_back(std::to_string(rows.counts[i]));
    w.row(line);
  }
  std::vector<std::string> total = {"total", ""};
  if (t.axes.size() == 2)
    for (std::size_t c : t.axes[1].counts) total.push_back(std::to_string(c));
  total.push_back(std::to_string(t.total));
  w.row(total);
  return w.take();
}
}  // namespace

http::Response initiative_stats(const http::Request& r, const layers::Registry& reg) {
  check_known_params_with_filter(r, {"by", "division", "f"});
  const std::vector<std::string> by = by_param(r);
  const layers::Division division = division_param(r);
  const bool csv = csv_wanted(r);
  const layers::InitiativeFilter filter = parse_filter(r, reg);
  const layers::Crosstab t = layers::crosstab(reg, by, division, filter);
  if (!csv) {
    json j = to_json(t);
    j["division"] = std::string(layers::division_name(division));
    return http::json(200, j.dump());
  }
  http::Response res;
  res.content_type = std::string(encode::kCsvMediaType);
  res.body = to_csv(t);
  std::string name = "initiatives_by_";
  name += by[0];
  if (by.size() == 2) name += '_', name += by[1];
  http::set_header(res, "Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  return res;
}

}  // namespace server::routes
