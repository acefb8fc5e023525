#include "server/routes/coverage.h"

#include <nlohmann/json.hpp>

#include "layers/coverage/coverage.h"
#include "layers/coverage/coverage_compare.h"
#include "layers/coverage/coverage_order.h"
#include "layers/neighbours/gaps.h"
#include "server/encode/coverage.h"
#include "server/encode/coverage_compare.h"
#include "server/encode/csv.h"
#include "server/filter_params.h"
#include "server/http/errors.h"
#include "server/params.h"

namespace server::routes {

namespace {
using nlohmann::json;

layers::Level required_level(const http::Request& r) {
  const auto v = r.query_value("level");
  if (v)
    if (auto l = layers::parse_level(*v)) return *l;
  throw http::BadRequest(v ? "level must be region, province or commune, not '" + *v + "'"
                           : std::string("missing query parameter level"),
                         {{"parameter", "level"}, {"allowed", {"region", "province", "commune"}}});
}

bool csv_wanted(const http::Request& r) {
  const auto f = r.query_value("f");
  if (!f || *f == "json") return false;
  if (*f == "csv") return true;
  throw http::BadRequest("f must be json or csv, not '" + *f + "'", {{"parameter", "f"}, {"allowed", {"json", "csv"}}});
}

// The unit whose insides the coverage is restricted to, if asked.
const layers::Unit* within_param(const http::Request& r, const layers::Registry& reg, layers::Division d,
                                 layers::Level level) {
  const auto v = r.query_value("within");
  if (!v) return nullptr;
  if (!layers::level_of_code(*v))
    throw http::BadRequest("within must be the CUT code of a region or province, not '" + *v + "'",
                           {{"parameter", "within"}});
  const layers::Unit* u = reg.catalog().find(d, *v);
  if (!u)
    throw http::BadRequest("no unit " + *v + " in division " + std::string(layers::division_name(d)),
                           {{"parameter", "within"}});
  if (u->level > level)
    throw http::BadRequest("within " + *v + " is a " + std::string(layers::level_name(u->level)) +
                               ", finer than the level " + std::string(layers::level_name(level)),
                           {{"parameter", "within"}});
  return u;
}

std::optional<bool> covered_param(const http::Request& r) {
  const auto v = r.query_value("covered");
  if (!v) return std::nullopt;
  if (*v == "true") return true;
  if (*v == "false") return false;
  throw http::BadRequest("covered must be true or false, not '" + *v + "'",
                         {{"parameter", "covered"}, {"allowed", {"true", "false"}}});
}

layers::CoverageOrder sort_param(const http::Request& r) {
  const auto v = r.query_value("sort");
  if (!v) return {};
  if (const auto order = layers::parse_coverage_order(*v)) return *order;
  throw http::BadRequest("sort must be one of the keys, '-' first for descending, not '" + *v + "'",
                         {{"parameter", "sort"}, {"allowed", layers::coverage_sort_keys()}});
}

std::string file_name(layers::Level level, layers::Division division, bool compare) {
  std::string name = compare ? "coverage_compare_" : "coverage_";
  name += layers::level_name(level);
  name += '_';
  name += layers::division_name(division);
  return name + ".csv";
}

http::Response csv_response(std::string body, const std::string& name) {
  http::Response res;
  res.content_type = std::string(encode::kCsvMediaType);
  res.body = std::move(body);
  http::set_header(res, "Content-Disposition", "attachment; filename=\"" + name + "\"");
  return res;
}

// compare=contest:A,B or year:A,B: the change per unit between two editions.
http::Response comparison(const http::Request& r, const layers::Registry& reg, const std::string& text,
                          layers::Level level, layers::Division division, bool csv, const layers::Unit* within,
                          const layers::InitiativeFilter& filter) {
  for (const char* other : {"covered", "sort"})
    if (r.query_value(other))
      throw http::BadRequest(std::string("compare does not take ") + other, {{"parameter", other}});
  layers::EditionCompare editions;
  try {
    editions = layers::parse_edition_compare(text, filter, reg);
  } catch (const layers::CompareError& e) {
    throw http::BadRequest(e.what(), {{"parameter", "compare"}});
  }
  const layers::CoverageComparison c = layers::compare_coverage(reg, level, division, editions, within);
  if (!csv) return http::json(200, encode::coverage_compare_json(c, editions, within));
  return csv_response(encode::coverage_compare_csv(c), file_name(level, division, true));
}

}  // namespace

http::Response coverage(const http::Request& r, const layers::Snapshot& snapshot) {
  check_known_params_with_filter(r, {"level", "division", "within", "f", "covered", "sort", "compare"});
  const layers::Registry& reg = snapshot.registry();
  const layers::Level level = required_level(r);
  const layers::Division division = division_param(r);
  const bool csv = csv_wanted(r);
  const layers::Unit* within = within_param(r, reg, division, level);
  const std::optional<bool> covered = covered_param(r);
  const layers::CoverageOrder order = sort_param(r);
  const layers::InitiativeFilter filter = parse_filter(r, reg);
  if (const auto text = r.query_value("compare")) return comparison(r, reg, *text, level, division, csv, within, filter);
  layers::Coverage c = layers::compute_coverage(reg, level, division, filter, within);
  const layers::Neighbourhood& neighbourhood = snapshot.territory()->neighbourhood();
  if (within)
    layers::measure_gaps(c, layers::compute_coverage(reg, level, division, filter), neighbourhood);
  else
    layers::measure_gaps(c, c, neighbourhood);
  layers::select_units(c, covered, order);
  if (!csv) return http::json(200, encode::coverage_json(c, within));
  return csv_response(encode::coverage_csv(c), file_name(level, division, false));
}

}  // namespace server::routes
