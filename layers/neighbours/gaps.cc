#include "layers/neighbours/gaps.h"

#include <unordered_map>
#include <unordered_set>

namespace layers {

void measure_gaps(Coverage& coverage, const Coverage& whole, const Neighbourhood& neighbourhood) {
  std::vector<const Unit*> covered;
  std::unordered_map<const Unit*, const UnitCoverage*> of;
  for (const UnitCoverage& uc : whole.units) {
    of.emplace(uc.unit, &uc);
    if (uc.covered()) covered.push_back(uc.unit);
  }
  const Division d = coverage.division;
  for (UnitCoverage& uc : coverage.units) {
    if (uc.covered()) {
      uc.nearest_initiative_km = 0.0;
    } else {
      for (const Unit* c : covered)
        if (const auto km = neighbourhood.distance_km(d, *uc.unit, *c))
          if (!uc.nearest_initiative_km || *km < *uc.nearest_initiative_km) uc.nearest_initiative_km = km;
    }
    std::unordered_set<const StoredInitiative*> initiatives;
    std::int64_t population = 0;
    for (const Neighbour& n : neighbourhood.neighbours(d, *uc.unit)) {
      population += n.unit->population;
      const auto it = of.find(n.unit);
      if (it == of.end()) continue;
      initiatives.insert(it->second->acting_in.begin(), it->second->acting_in.end());
      initiatives.insert(it->second->acting_on_enclosing.begin(), it->second->acting_on_enclosing.end());
    }
    uc.neighbours_per_100k = per_100k(initiatives.size(), population);
  }
}

}  // namespace layers
