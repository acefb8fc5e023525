#pragma once
// "What did the neighbours do?": the initiatives acting in the units around
// one unit, nearest first: those of the adjacent units (or, for a unit with
// no land neighbour, of the nearest ones), then those of the rest of its
// province, then of the rest of its region, then of every other unit by
// distance. Units are of the asked unit's level and division; an
// initiative is listed once, where it comes first, and never if it already
// acts in (or on a unit enclosing) the asked unit.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "layers/model/initiative_filter.h"
#include "layers/neighbours/neighbourhood.h"
#include "layers/snapshot/registry.h"

namespace layers {

enum class NearbyRelation { adjacent, nearest, same_province, same_region, distance };
std::string_view nearby_relation_name(NearbyRelation r);

struct NearbyInitiative {
  const StoredInitiative* initiative = nullptr;
  const Unit* unit = nullptr;  // the unit it acts in (of the asked unit's level)
  NearbyRelation relation = NearbyRelation::distance;
  bool on_enclosing = false;           // it acts on a whole unit enclosing `unit` (a region-wide one)
  std::optional<double> distance_km;  // between the centroids of `unit` and the asked unit
};

struct Nearby {
  std::vector<NearbyInitiative> initiatives;  // at most `limit`
  std::size_t total = 0;                      // how many there are in all
};

Nearby nearby_initiatives(const Registry& registry, const Neighbourhood& neighbourhood, Division division,
                          const Unit& unit, const InitiativeFilter& filter, std::size_t limit);

}  // namespace layers
