#pragma once
// "What is being done in my territory": the initiatives related to one unit,
// each marked with how it relates, by the footprint's scale (the coarsest
// level it names), as coverage counts them.
#include <string_view>
#include <vector>

#include "layers/model/initiative_filter.h"
#include "layers/snapshot/registry.h"

namespace layers {

enum class Relation {
  in,            // the footprint names units of this unit's level and reaches this one
  in_sub_unit,   // the footprint names finer units inside this one (a commune of the region)
  on_enclosing,  // the footprint names a coarser unit that contains this one (a region-wide initiative)
};
std::string_view relation_name(Relation r);

struct RelatedInitiative {
  const StoredInitiative* initiative = nullptr;
  Relation relation = Relation::in;
  const JoinedUnit* joined = nullptr;  // the initiative's join to the unit (whole, basis)
  // For on_enclosing: the unit at the footprint's scale that contains this
  // unit and that the footprint reaches; null if there is none.
  const Unit* enclosing = nullptr;
};

// In registry order (by id). in + in_sub_unit are coverage's acting_in,
// on_enclosing its acting_on_enclosing.
std::vector<RelatedInitiative> initiatives_related_to(const Registry& registry, Division division, const Unit& unit,
                                                      const InitiativeFilter& filter);

// The initiative with this id, or null.
const StoredInitiative* find_initiative(const Registry& registry, std::string_view id);

}  // namespace layers
