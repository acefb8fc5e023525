#include "layers/coverage/coverage_order.h"

#include <algorithm>

namespace layers {

namespace {

struct KeyName {
  CoverageSortKey key;
  const char* name;
};
constexpr KeyName kKeys[] = {
    {CoverageSortKey::code, "code"},
    {CoverageSortKey::name, "name"},
    {CoverageSortKey::population, "population"},
    {CoverageSortKey::total, "total"},
    {CoverageSortKey::per_100k, "per_100k"},
    {CoverageSortKey::nearest_initiative_km, "nearest_initiative_km"},
    {CoverageSortKey::neighbours_per_100k, "neighbours_per_100k"},
};

// The figure a unit is sorted by (nullopt: none; name and code sort apart).
std::optional<double> figure(const UnitCoverage& uc, CoverageSortKey key) {
  switch (key) {
    case CoverageSortKey::population: return static_cast<double>(uc.unit->population);
    case CoverageSortKey::total: return static_cast<double>(uc.total());
    case CoverageSortKey::per_100k: return uc.per_100k();
    case CoverageSortKey::nearest_initiative_km: return uc.nearest_initiative_km;
    case CoverageSortKey::neighbours_per_100k: return uc.neighbours_per_100k;
    case CoverageSortKey::code:
    case CoverageSortKey::name: return 0.0;
  }
  return std::nullopt;
}

}  // namespace

std::optional<CoverageOrder> parse_coverage_order(std::string_view text) {
  CoverageOrder order;
  if (!text.empty() && text.front() == '-') {
    order.descending = true;
    text.remove_prefix(1);
  }
  for (const KeyName& k : kKeys)
    if (text == k.name) {
      order.key = k.key;
      return order;
    }
  return std::nullopt;
}

const std::vector<std::string>& coverage_sort_keys() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const KeyName& k : kKeys) out.emplace_back(k.name);
    return out;
  }();
  return names;
}

void select_units(Coverage& coverage, std::optional<bool> covered, const CoverageOrder& order) {
  auto& units = coverage.units;
  if (covered)
    units.erase(std::remove_if(units.begin(), units.end(), [&](const UnitCoverage& uc) { return uc.covered() != *covered; }),
                units.end());
  const auto before = [&](const UnitCoverage& a, const UnitCoverage& b) {
    if (order.key == CoverageSortKey::name && a.unit->name != b.unit->name)
      return order.descending ? a.unit->name > b.unit->name : a.unit->name < b.unit->name;
    if (order.key == CoverageSortKey::code)
      return order.descending ? a.unit->code > b.unit->code : a.unit->code < b.unit->code;
    const auto fa = figure(a, order.key), fb = figure(b, order.key);
    if (fa.has_value() != fb.has_value()) return fa.has_value();
    if (fa && *fa != *fb) return order.descending ? *fa > *fb : *fa < *fb;
    return a.unit->code < b.unit->code;
  };
  std::stable_sort(units.begin(), units.end(), before);
}

}  // namespace layers
