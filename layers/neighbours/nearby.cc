#include "layers/neighbours/nearby.h"

#include <algorithm>
#include <limits>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "layers/coverage/coverage.h"

namespace layers {

std::string_view nearby_relation_name(NearbyRelation r) {
  switch (r) {
    case NearbyRelation::adjacent: return "adjacent";
    case NearbyRelation::nearest: return "nearest";
    case NearbyRelation::same_province: return "same_province";
    case NearbyRelation::same_region: return "same_region";
    case NearbyRelation::distance: return "distance";
  }
  return "distance";
}

namespace {

NearbyRelation relation_of(const Catalog& catalog, Division d, const Unit& asked, const Unit& other,
                           const std::unordered_map<const Unit*, Reach>& reach) {
  if (const auto it = reach.find(&other); it != reach.end())
    return it->second == Reach::adjacent ? NearbyRelation::adjacent : NearbyRelation::nearest;
  for (Level level : {Level::province, Level::region}) {
    if (asked.level <= level) continue;  // a province has no province around it
    const Unit* a = catalog.ancestor(d, asked, level);
    if (a && a == catalog.ancestor(d, other, level))
      return level == Level::province ? NearbyRelation::same_province : NearbyRelation::same_region;
  }
  return NearbyRelation::distance;
}

}  // namespace

Nearby nearby_initiatives(const Registry& registry, const Neighbourhood& neighbourhood, Division division,
                          const Unit& unit, const InitiativeFilter& filter, std::size_t limit) {
  const Catalog& catalog = registry.catalog();
  const Coverage coverage = compute_coverage(registry, unit.level, division, filter);
  std::unordered_map<const Unit*, Reach> reach;
  for (const Neighbour& n : neighbourhood.neighbours(division, unit)) reach.emplace(n.unit, n.reach);

  // The other units, nearest tier first, then by distance (unknown last), then code.
  struct Ranked {
    const UnitCoverage* coverage;
    NearbyRelation relation;
    std::optional<double> km;
  };
  std::unordered_set<const StoredInitiative*> seen;
  std::vector<Ranked> ranked;
  for (const UnitCoverage& uc : coverage.units) {
    if (uc.unit == &unit) {
      for (const auto* s : uc.acting_in) seen.insert(s);
      for (const auto* s : uc.acting_on_enclosing) seen.insert(s);
      continue;
    }
    if (!uc.covered()) continue;
    ranked.push_back({&uc, relation_of(catalog, division, unit, *uc.unit, reach),
                      neighbourhood.distance_km(division, unit, *uc.unit)});
  }
  const auto key = [](const Ranked& r) {
    return std::make_tuple(r.relation, r.km.value_or(std::numeric_limits<double>::infinity()), r.coverage->unit->code);
  };
  std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) { return key(a) < key(b); });

  Nearby out;
  const auto add = [&](const Ranked& r, const StoredInitiative* s, bool on_enclosing) {
    if (!seen.insert(s).second) return;
    ++out.total;
    if (out.initiatives.size() < limit)
      out.initiatives.push_back({s, r.coverage->unit, r.relation, on_enclosing, r.km});
  };
  for (const Ranked& r : ranked) {
    for (const auto* s : r.coverage->acting_in) add(r, s, false);
    for (const auto* s : r.coverage->acting_on_enclosing) add(r, s, true);
  }
  return out;
}

}  // namespace layers
