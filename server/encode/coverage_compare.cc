#include "server/encode/coverage_compare.h"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "server/encode/csv.h"

namespace server::encode {

namespace {
using nlohmann::json;

double round2(double v) { return std::round(v * 100) / 100; }

std::string fixed2(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", round2(v) + 0.0);  // + 0.0: no "-0.00"
  return text;
}

json unit_ref(const layers::Unit& u) { return {{"code", u.code}, {"level", layers::level_name(u.level)}, {"name", u.name}}; }
}  // namespace

std::string coverage_compare_json(const layers::CoverageComparison& c, const layers::EditionCompare& e,
                                  const layers::Unit* within) {
  json units = json::array();
  for (const auto& u : c.units)
    units.push_back({{"code", u.unit->code},
                     {"name", u.unit->name},
                     {"level", layers::level_name(u.unit->level)},
                     {"parent_code", u.unit->parent_code.empty() ? json(nullptr) : json(u.unit->parent_code)},
                     {"population", u.unit->population},
                     {"count_a", u.count_a},
                     {"count_b", u.count_b},
                     {"count_change", u.count_change()},
                     {"per_100k_a", round2(u.per_100k_a)},
                     {"per_100k_b", round2(u.per_100k_b)},
                     {"per_100k_change", round2(u.per_100k_change()) + 0.0},
                     {"change", layers::coverage_change_name(u.change)}});
  const auto& s = c.summary;
  json j = {{"level", layers::level_name(c.level)},
            {"division", layers::division_name(c.division)},
            {"compare",
             {{"attribute", e.attribute == layers::CompareAttribute::contest ? "contest" : "year"},
              {"a", e.a},
              {"b", e.b}}},
            {"summary",
             {{"units", s.units},
              {"covered_a", s.covered_a},
              {"covered_b", s.covered_b},
              {"newly_covered", s.newly_covered},
              {"no_longer_covered", s.no_longer_covered},
              {"initiatives_a", s.initiatives_a},
              {"initiatives_b", s.initiatives_b}}},
            {"units", std::move(units)},
            {"within", within ? unit_ref(*within) : json(nullptr)}};
  return j.dump();
}

std::string coverage_compare_csv(const layers::CoverageComparison& c) {
  CsvWriter w;
  w.row({"code", "name", "level", "parent_code", "population", "count_a", "count_b", "count_change", "per_100k_a",
         "per_100k_b", "per_100k_change", "change"});
  for (const auto& u : c.units)
    w.row({u.unit->code, u.unit->name, std::string(layers::level_name(u.unit->level)), u.unit->parent_code,
           std::to_string(u.unit->population), std::to_string(u.count_a), std::to_string(u.count_b),
           std::to_string(u.count_change()), fixed2(u.per_100k_a), fixed2(u.per_100k_b),
           fixed2(u.per_100k_change()), std::string(layers::coverage_change_name(u.change))});
  return w.take();
}

}  // namespace server::encode
