#include "layers/report/territory_report.h"

#include <algorithm>
#include <set>

namespace layers {

namespace {

// The entry of `unit` in a coverage that holds it.
UnitCoverage entry_of(const Coverage& c, const Unit& unit) {
  for (const UnitCoverage& uc : c.units)
    if (uc.unit->code == unit.code) return uc;
  return UnitCoverage{&unit, {}, {}};
}

DivisionView view_in(const Catalog& catalog, Division from, const Unit& unit, Division d) {
  DivisionView v;
  v.division = d;
  if (unit.level == Level::commune) {
    if (const Unit* u = catalog.find(d, unit.code)) v.units.push_back(u);
    v.commune_code = d == Division::d2007 ? catalog.former_code(unit.code) : unit.code;
  } else {
    std::set<std::string> codes;
    const auto communes = catalog.communes_of(from, unit);
    for (const Unit* c : communes) {
      const Unit* same = catalog.find(d, c->code);
      if (!same) continue;
      if (const Unit* a = catalog.ancestor(d, *same, unit.level)) codes.insert(a->code);
    }
    for (const std::string& code : codes)
      if (const Unit* u = catalog.find(d, code)) v.units.push_back(u);
    const std::size_t held = v.units.size() == 1 ? catalog.communes_of(d, *v.units[0]).size() : 0;
    v.same_extent = v.units.size() == 1 && held == communes.size();
    v.larger = v.units.size() == 1 && held > communes.size();
  }
  if (unit.level == Level::commune) v.same_extent = v.units.size() == 1;
  if (v.units.size() == 1)
    for (const Unit* p = catalog.parent(d, *v.units[0]); p; p = catalog.parent(d, *p)) v.parents.push_back(p);
  return v;
}

std::vector<ReportSource> sources() {
  return {
      {"Códigos territoriales (CUT 2018)", "SUBDERE, lista CUT 2018 (vía chilemapas)"},
      {"División 2007", "SUBDERE: Ñuble como provincia 084 de la región del Biobío (08)"},
      {"Límites comunales", "INE, cartografía del Censo 2017 (vía chilemapas); Magallanes: BCN, mapas vectoriales"},
      {"Población", "INE, Censo 2017, personas por comuna"},
      {"Iniciativas", "Sistema de Buenas Prácticas para el Desarrollo de los Territorios (SUBDERE), con sus altas y ediciones en territorio"},
  };
}

}  // namespace

TerritoryReport build_territory_report(const Registry& registry, const Neighbourhood& neighbourhood,
                                       Division division, const Unit& unit, const InitiativeFilter& filter) {
  const Catalog& catalog = registry.catalog();
  TerritoryReport r;
  r.unit = &unit;
  r.division = division;
  r.filter = filter;
  r.generation = registry.generation();
  for (const Unit* p = catalog.parent(division, unit); p; p = catalog.parent(division, *p)) r.parents.push_back(p);

  r.figures = entry_of(compute_coverage(registry, unit.level, division, filter, &unit), unit);
  const Coverage regions = compute_coverage(registry, Level::region, division, filter);
  const Unit* region = unit.level == Level::region ? &unit : r.parents.empty() ? nullptr : r.parents.back();
  if (region) r.region = entry_of(regions, *region);
  r.country_initiatives = regions.summary.initiatives;
  r.country_population = regions.summary.population;
  r.country_per_100k = per_100k(r.country_initiatives, r.country_population);
  r.communes = compute_coverage(registry, Level::commune, division, filter, &unit);
  if (unit.level == Level::region)
    r.provinces = compute_coverage(registry, Level::province, division, filter, &unit).units;

  r.related = initiatives_related_to(registry, division, unit, filter);
  Nearby nearby = nearby_initiatives(registry, neighbourhood, division, unit, filter, kReportNeighbours);
  r.neighbours = std::move(nearby.initiatives);
  r.neighbours_total = nearby.total;
  for (Division d : kAllDivisions) r.divisions.push_back(view_in(catalog, division, unit, d));
  r.sources = sources();
  return r;
}

}  // namespace layers
