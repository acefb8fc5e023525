// The report's document model and map, on the fixture registry: its figures
// are compute_coverage's, its names in the other division are the catalog's,
// what the neighbours did is nearby_initiatives'.
#include <gtest/gtest.h>

#include "layers/report/report_map.h"
#include "layers/report/territory_report.h"
#include "tests/support/fixture_store.h"

namespace {

using layers::Division;
using layers::Level;

const layers::Unit& unit(Division d, const std::string& code) {
  const layers::Unit* u = test_support::fixture_registry().catalog().find(d, code);
  EXPECT_NE(u, nullptr) << code;
  return *u;
}

// The fixture's neighbourhood, built once (as a snapshot's Territory does).
const layers::Neighbourhood& neighbourhood() {
  static const layers::Neighbourhood n(test_support::fixture_registry().catalog());
  return n;
}

std::vector<std::string> codes(const std::vector<const layers::Unit*>& units) {
  std::vector<std::string> out;
  for (const auto* u : units) out.push_back(u->code);
  return out;
}

TEST(TerritoryReportModel, FiguresAreThoseOfCoverage) {
  const auto& reg = test_support::fixture_registry();
  const layers::InitiativeFilter all;
  const auto r = layers::build_territory_report(reg, neighbourhood(), Division::d2018, unit(Division::d2018, "081"), all);
  const auto provinces = layers::compute_coverage(reg, Level::province, Division::d2018, all);
  for (const auto& uc : provinces.units)
    if (uc.unit->code == "081") {
      EXPECT_EQ(r.figures.acting_in, uc.acting_in);
      EXPECT_EQ(r.figures.acting_on_enclosing, uc.acting_on_enclosing);
    }
  EXPECT_EQ(r.region.unit->code, "08");
  EXPECT_EQ(codes(r.parents), (std::vector<std::string>{"08"}));
  const auto communes = layers::compute_coverage(reg, Level::commune, Division::d2018, all, r.unit);
  EXPECT_EQ(r.communes.summary.population_covered, communes.summary.population_covered);
  EXPECT_EQ(r.communes.summary.gaps, communes.summary.gaps);
  EXPECT_EQ(r.country_initiatives, reg.initiatives().size());
  EXPECT_TRUE(r.provinces.empty());
  std::size_t in = 0, on = 0;
  for (const auto& rel : r.related) (rel.relation == layers::Relation::on_enclosing ? on : in)++;
  EXPECT_EQ(in, r.figures.acting_in.size());
  EXPECT_EQ(on, r.figures.acting_on_enclosing.size());
  // What the neighbours did: nearby-initiatives' first entries, and its total.
  const auto nearby = layers::nearby_initiatives(reg, neighbourhood(), Division::d2018, *r.unit, all, 100);
  ASSERT_GT(nearby.total, layers::kReportNeighbours);
  ASSERT_EQ(r.neighbours.size(), layers::kReportNeighbours);
  EXPECT_EQ(r.neighbours_total, nearby.total);
  for (std::size_t k = 0; k < r.neighbours.size(); ++k) {
    EXPECT_EQ(r.neighbours[k].initiative, nearby.initiatives[k].initiative) << k;
    EXPECT_EQ(r.neighbours[k].unit, nearby.initiatives[k].unit) << k;
    EXPECT_EQ(r.neighbours[k].relation, nearby.initiatives[k].relation) << k;
  }
}

TEST(TerritoryReportModel, TheOtherDivisionNamesWhatHoldsTheUnit) {
  const auto& reg = test_support::fixture_registry();
  const auto nuble = layers::build_territory_report(reg, neighbourhood(), Division::d2018, unit(Division::d2018, "16"), {});
  ASSERT_EQ(nuble.divisions.size(), 2u);
  EXPECT_TRUE(nuble.divisions[0].same_extent);
  EXPECT_EQ(codes(nuble.divisions[1].units), (std::vector<std::string>{"08"}));
  EXPECT_TRUE(nuble.divisions[1].larger);
  EXPECT_EQ(codes(nuble.provinces.empty() ? std::vector<const layers::Unit*>{} : std::vector<const layers::Unit*>{
                                                                                       nuble.provinces[0].unit,
                                                                                       nuble.provinces[1].unit,
                                                                                       nuble.provinces[2].unit}),
            (std::vector<std::string>{"161", "162", "163"}));

  const auto p084 = layers::build_territory_report(reg, neighbourhood(), Division::d2007, unit(Division::d2007, "084"), {});
  EXPECT_EQ(codes(p084.divisions[0].units), (std::vector<std::string>{"161", "162", "163"}));
  EXPECT_FALSE(p084.divisions[0].same_extent);
  EXPECT_TRUE(p084.divisions[1].same_extent);

  const auto chillan = layers::build_territory_report(reg, neighbourhood(), Division::d2018, unit(Division::d2018, "16101"), {});
  EXPECT_EQ(chillan.divisions[0].commune_code, "16101");
  EXPECT_EQ(chillan.divisions[1].commune_code, "08401");
  EXPECT_EQ(codes(chillan.divisions[1].parents), (std::vector<std::string>{"084", "08"}));
}

TEST(TerritoryReportMap, ColoursTheUnitsCommunesInItsFrame) {
  const auto& reg = test_support::fixture_registry();
  const layers::TileSet tiles(reg);
  const auto r = layers::build_territory_report(reg, neighbourhood(), Division::d2018, unit(Division::d2018, "081"), {});
  const layers::ReportMap map = layers::build_report_map(tiles, r, 500, 300);
  EXPECT_EQ(map.communes.size(), r.communes.units.size());
  EXPECT_DOUBLE_EQ(map.width, 500);
  EXPECT_LE(map.height, 300 + 1e-9);
  EXPECT_FALSE(map.context.empty());
  for (const auto& s : map.communes)
    for (const auto& p : s.polygons)
      for (const auto& ring : p.rings)
        for (std::size_t k = 0; k + 1 < ring.size(); k += 2) {
          EXPECT_GE(ring[k], -1e-6);
          EXPECT_LE(ring[k], map.width + 1e-6);
          EXPECT_GE(ring[k + 1], -1e-6);
          EXPECT_LE(ring[k + 1], map.height + 1e-6);
        }
  EXPECT_FALSE(map.outlying_left_out);
  // Valparaíso: Isla de Pascua and Juan Fernández stay out of the frame, which holds the mainland.
  const auto valparaiso = layers::build_territory_report(reg, neighbourhood(), Division::d2018, unit(Division::d2018, "05"), {});
  const layers::ReportMap v = layers::build_report_map(tiles, valparaiso, 500, 300);
  EXPECT_TRUE(v.outlying_left_out);
  EXPECT_EQ(v.communes.size(), 38u);  // every commune is kept, the islands' outside the frame
  EXPECT_DOUBLE_EQ(v.height, 300);    // the mainland is tall: the frame's full height
  // Antártica has no polygon: no map, no failure.
  const auto antartica = layers::build_territory_report(reg, neighbourhood(), Division::d2018, unit(Division::d2018, "12202"), {});
  EXPECT_TRUE(layers::build_report_map(tiles, antartica, 500, 300).empty());
}

}  // namespace
