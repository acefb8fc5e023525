#pragma once
// Coverage: for every unit of a level and division, the initiatives that act
// in it and those that act on a whole enclosing unit, with population and
// the gaps. The question behind the whole system: where are the initiatives,
// and where are they missing?
#include <cstdint>
#include <optional>
#include <vector>

#include "layers/model/initiative_filter.h"
#include "layers/snapshot/registry.h"

namespace layers {

// Initiatives per 100,000 inhabitants (0 for a unit with no population).
double per_100k(std::size_t initiatives, std::int64_t population);

struct UnitCoverage {
  const Unit* unit = nullptr;
  // Footprint at the unit's level or finer that reaches the unit (a commune
  // initiative in a commune; a commune or province initiative in a province).
  std::vector<const StoredInitiative*> acting_in;
  // Footprint coarser than the unit that contains it (a region-wide
  // initiative, seen from each of the region's communes).
  std::vector<const StoredInitiative*> acting_on_enclosing;
  // Gap measures, when asked for (layers/neighbours/gaps.h): the geodesic
  // distance to the nearest covered unit of the level (0 if covered), and
  // the initiatives per 100,000 inhabitants of the unit's neighbours.
  std::optional<double> nearest_initiative_km = std::nullopt;
  std::optional<double> neighbours_per_100k = std::nullopt;

  std::size_t total() const { return acting_in.size() + acting_on_enclosing.size(); }
  bool covered() const { return total() > 0; }
  // Initiatives per 100,000 inhabitants (0 for a unit with no population).
  double per_100k() const;
};

struct CoverageSummary {
  std::size_t units = 0, units_covered = 0;
  std::int64_t population = 0, population_covered = 0;  // of the units considered
  double population_share_of_chile = 0;                 // population_covered / Chile's population
  std::size_t initiatives = 0;                          // initiatives passing the filter
  std::vector<const Unit*> gaps;                        // units with no initiative, by code
};

struct Coverage {
  Level level = Level::region;
  Division division = Division::d2018;
  std::vector<UnitCoverage> units;  // every unit of the level (inside `within`), by code
  CoverageSummary summary;
};

// within: only the units inside this unit of the same division (or null).
// Initiatives in each list keep the registry's order (by id).
Coverage compute_coverage(const Registry& registry, Level level, Division division, const InitiativeFilter& filter,
                          const Unit* within = nullptr);

}  // namespace layers
