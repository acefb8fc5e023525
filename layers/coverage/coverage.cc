#include "layers/coverage/coverage.h"

#include <unordered_map>

namespace layers {

double per_100k(std::size_t initiatives, std::int64_t population) {
  return population > 0 ? static_cast<double>(initiatives) * 1e5 / static_cast<double>(population) : 0;
}

double UnitCoverage::per_100k() const { return unit ? layers::per_100k(total(), unit->population) : 0; }

namespace {
// True if unit u lies inside (or is) unit `within` in division d.
bool inside(const Catalog& c, Division d, const Unit& u, const Unit& within) {
  for (const Unit* p = &u; p; p = c.parent(d, *p))
    if (p->code == within.code) return true;
  return false;
}
}  // namespace

Coverage compute_coverage(const Registry& registry, Level level, Division division, const InitiativeFilter& filter,
                          const Unit* within) {
  const Catalog& catalog = registry.catalog();
  Coverage cov;
  cov.level = level;
  cov.division = division;
  std::unordered_map<std::string, std::size_t> slot;
  for (const Unit* u : catalog.units(division, level)) {
    if (within && !inside(catalog, division, *u, *within)) continue;
    slot[u->code] = cov.units.size();
    cov.units.push_back(UnitCoverage{u, {}, {}});
  }
  for (const StoredInitiative& s : registry.initiatives()) {
    if (!filter.matches(s.initiative)) continue;
    ++cov.summary.initiatives;
    // Level order is region < province < commune: a scale at or after the
    // unit's level is as fine or finer.
    const bool fine_enough = s.footprint_scale && *s.footprint_scale >= level;
    for (const JoinedUnit& ju : s.units) {
      if (ju.division != division || ju.level != level) continue;
      auto it = slot.find(ju.code);
      if (it == slot.end()) continue;
      auto& uc = cov.units[it->second];
      (fine_enough ? uc.acting_in : uc.acting_on_enclosing).push_back(&s);
    }
  }
  std::int64_t chile = 0;
  for (const Unit* r : catalog.units(division, Level::region)) chile += r->population;
  for (const UnitCoverage& uc : cov.units) {
    ++cov.summary.units;
    cov.summary.population += uc.unit->population;
    if (uc.covered()) {
      ++cov.summary.units_covered;
      cov.summary.population_covered += uc.unit->population;
    } else {
      cov.summary.gaps.push_back(uc.unit);
    }
  }
  cov.summary.population_share_of_chile =
      chile > 0 ? static_cast<double>(cov.summary.population_covered) / static_cast<double>(chile) : 0;
  return cov;
}

}  // namespace layers
