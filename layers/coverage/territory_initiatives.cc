#include "layers/coverage/territory_initiatives.h"

namespace layers {

std::string_view relation_name(Relation r) {
  switch (r) {
    case Relation::in: return "in";
    case Relation::in_sub_unit: return "in_sub_unit";
    case Relation::on_enclosing: return "on_enclosing";
  }
  return "in";
}

namespace {
bool joined_to(const StoredInitiative& s, Division d, const Unit& u) {
  for (const JoinedUnit& ju : s.units)
    if (ju.division == d && ju.level == u.level && ju.code == u.code) return true;
  return false;
}
}  // namespace

std::vector<RelatedInitiative> initiatives_related_to(const Registry& registry, Division division, const Unit& unit,
                                                      const InitiativeFilter& filter) {
  const Catalog& catalog = registry.catalog();
  std::vector<RelatedInitiative> out;
  for (const StoredInitiative& s : registry.initiatives()) {
    if (!filter.matches(s.initiative)) continue;
    const JoinedUnit* joined = nullptr;
    for (const JoinedUnit& ju : s.units)
      if (ju.division == division && ju.level == unit.level && ju.code == unit.code) joined = &ju;
    if (!joined) continue;
    RelatedInitiative r{&s, Relation::in, joined, nullptr};
    // Level order is region < province < commune. A joined initiative always
    // has a scale; without one it is taken to act in the unit itself.
    const Level scale = s.footprint_scale.value_or(unit.level);
    if (scale > unit.level) {
      r.relation = Relation::in_sub_unit;
    } else if (scale < unit.level) {
      r.relation = Relation::on_enclosing;
      for (const Unit* p = catalog.parent(division, unit); p; p = catalog.parent(division, *p))
        if (p->level == scale && joined_to(s, division, *p)) r.enclosing = p;
    }
    out.push_back(r);
  }
  return out;
}

const StoredInitiative* find_initiative(const Registry& registry, std::string_view id) {
  return registry.initiatives().find(id);
}

}  // namespace layers
