#pragma once
// The unfiltered coverage counts of every unit of every level and division:
// initiatives acting in it and initiatives acting on a whole enclosing
// unit, exactly as compute_coverage counts them with no filter. Built from
// a registry, or from the counts before a write by taking out the records
// it removed and adding the ones it wrote: a write costs its own records.
#include <array>
#include <cstddef>
#include <vector>

#include "layers/model/initiative_list.h"
#include "layers/snapshot/registry.h"

namespace layers {

struct UnitCounts {
  std::size_t in = 0;         // footprint at the unit's level or finer
  std::size_t enclosing = 0;  // footprint on a coarser unit containing it
  std::size_t total() const { return in + enclosing; }
  bool operator==(const UnitCounts&) const = default;
};

class CoverageCounts {
 public:
  explicit CoverageCounts(const Registry& registry);
  // The counts after a write (see ListUpdate), from the counts before it.
  CoverageCounts(const CoverageCounts& before, const ListUpdate& update);

  // Aligned with units(level, division), which is catalog.units(division, level).
  const std::vector<UnitCounts>& of(Level level, Division division) const { return counts_[slot(level, division)]; }
  const std::vector<const Unit*>& units(Level level, Division division) const {
    return units_[slot(level, division)];
  }

 private:
  static std::size_t slot(Level level, Division division) {
    return static_cast<std::size_t>(level) * 2 + static_cast<std::size_t>(division);
  }
  // Adds (or, with remove, takes out) what one record counts.
  void count(const StoredInitiative& s, bool remove);

  std::array<std::vector<const Unit*>, 6> units_;  // by code
  std::array<std::vector<UnitCounts>, 6> counts_;
};

}  // namespace layers
