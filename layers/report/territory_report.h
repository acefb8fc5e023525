#pragma once
// The report of one territorial unit ("ficha"): what it says, as data, for
// the PDF and HTML renderers. Every figure is a /coverage figure, computed by
// compute_coverage() itself: the unit's entry at its own level, its region's
// entry, the country (the region level's summary), its communes (the commune
// level within the unit); the initiatives are those of
// initiatives_related_to(), the lists coverage counts; what the neighbours
// did is nearby_initiatives()'s list, as nearby-initiatives gives it.
#include <cstdint>
#include <string>
#include <vector>

#include "layers/coverage/coverage.h"
#include "layers/coverage/territory_initiatives.h"
#include "layers/model/initiative_filter.h"
#include "layers/neighbours/nearby.h"
#include "layers/snapshot/registry.h"

namespace layers {

// The unit as one division sees it.
struct DivisionView {
  Division division = Division::d2018;
  // The units of the report's level in this division that hold the unit's
  // communes, by code (the unit itself in its own division).
  std::vector<const Unit*> units;
  // Exactly one unit, with the same communes.
  bool same_extent = false;
  // Exactly one unit, holding the unit's communes and others (Ñuble, region
  // 16 of 2018, inside the Biobío of 2007).
  bool larger = false;
  // A commune's code in this division (2007: the former code where it differs).
  std::string commune_code;
  // Of units[0] when there is exactly one: province, then region.
  std::vector<const Unit*> parents;
};

// How many of the initiatives around the unit a report lists (nearest first).
inline constexpr std::size_t kReportNeighbours = 10;

struct ReportSource {
  std::string what;    // e.g. "Límites comunales"
  std::string source;  // e.g. "INE, cartografía Censo 2017 (vía chilemapas)"
};

struct TerritoryReport {
  const Unit* unit = nullptr;
  Division division = Division::d2018;
  InitiativeFilter filter;
  std::int64_t generation = 0;
  std::vector<const Unit*> parents;  // province, region (none for a region)

  // /coverage?level=<unit's level>&division=&within=<code>: the unit's entry.
  UnitCoverage figures;
  // /coverage?level=region: the unit's region entry (the unit itself for a region).
  UnitCoverage region;
  // The country: /coverage?level=region summary (initiatives passing the filter, population of Chile).
  std::size_t country_initiatives = 0;
  std::int64_t country_population = 0;
  double country_per_100k = 0;
  // /coverage?level=commune&within=<code> (a commune: itself): colours, population covered, gaps.
  Coverage communes;
  // A region's provinces (/coverage?level=province&within=<code>); empty otherwise.
  std::vector<UnitCoverage> provinces;

  // The initiatives acting in the unit (in, in_sub_unit) and on it (on_enclosing), by id.
  std::vector<RelatedInitiative> related;
  std::vector<DivisionView> divisions;  // 2018, then 2007
  // What the neighbours did: the first kReportNeighbours initiatives of
  // nearby_initiatives() (/territories/{code}/nearby-initiatives with the
  // same division and filter), and how many there are in all.
  std::vector<NearbyInitiative> neighbours;
  std::size_t neighbours_total = 0;
  std::vector<ReportSource> sources;
};

// neighbourhood: the snapshot's (its Territory's), for what the neighbours did.
TerritoryReport build_territory_report(const Registry& registry, const Neighbourhood& neighbourhood,
                                       Division division, const Unit& unit, const InitiativeFilter& filter);

}  // namespace layers
