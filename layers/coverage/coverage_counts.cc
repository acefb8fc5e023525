#include "layers/coverage/coverage_counts.h"

#include <algorithm>

namespace layers {

CoverageCounts::CoverageCounts(const Registry& registry) {
  for (Level level : {Level::region, Level::province, Level::commune})
    for (Division d : kAllDivisions) {
      units_[slot(level, d)] = registry.catalog().units(d, level);
      counts_[slot(level, d)].resize(units_[slot(level, d)].size());
    }
  for (const StoredInitiative& s : registry.initiatives()) count(s, false);
}

CoverageCounts::CoverageCounts(const CoverageCounts& before, const ListUpdate& update) : CoverageCounts(before) {
  for (const RecordPtr& r : update.removed) count(*r, true);
  for (std::size_t i : update.written) count(update.records[i], false);
}

void CoverageCounts::count(const StoredInitiative& s, bool remove) {
  for (const JoinedUnit& ju : s.units) {
    const std::size_t k = slot(ju.level, ju.division);
    const auto& units = units_[k];
    const auto it = std::lower_bound(units.begin(), units.end(), ju.code,
                                     [](const Unit* u, const std::string& code) { return u->code < code; });
    if (it == units.end() || (*it)->code != ju.code) continue;
    // Level order is region < province < commune: a scale at or after the
    // unit's level is as fine or finer (as compute_coverage decides).
    const bool fine_enough = s.footprint_scale && *s.footprint_scale >= ju.level;
    UnitCounts& c = counts_[k][static_cast<std::size_t>(it - units.begin())];
    std::size_t& n = fine_enough ? c.in : c.enclosing;
    n = remove ? n - 1 : n + 1;
  }
}

}  // namespace layers
