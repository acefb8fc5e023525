// The territorial hierarchy of both divisions, as built into the store.
#include <gtest/gtest.h>

#include <map>

#include "geo/proj/geodesic.h"
#include "layers/model/catalog.h"
#include "tests/support/fixture_store.h"

namespace {

using layers::Division;
using layers::Level;

const layers::Catalog& catalog() { return test_support::fixture_registry().catalog(); }

TEST(Catalog, UnitCountsPerDivision) {
  EXPECT_EQ(catalog().units(Division::d2018, Level::region).size(), 16u);
  EXPECT_EQ(catalog().units(Division::d2018, Level::province).size(), 56u);
  EXPECT_EQ(catalog().units(Division::d2018, Level::commune).size(), 346u);
  EXPECT_EQ(catalog().units(Division::d2007, Level::region).size(), 15u);
  EXPECT_EQ(catalog().units(Division::d2007, Level::province).size(), 54u);
  EXPECT_EQ(catalog().units(Division::d2007, Level::commune).size(), 346u);
}

TEST(Catalog, EveryCommuneBelongsToExactlyOneProvinceAndRegion) {
  for (Division d : layers::kAllDivisions) {
    std::map<std::string, int> seen;  // commune -> number of provinces listing it
    for (const layers::Unit* p : catalog().units(d, Level::province)) {
      const layers::Unit* region = catalog().parent(d, *p);
      ASSERT_NE(region, nullptr) << p->code;
      EXPECT_EQ(region->level, Level::region);
      for (const layers::Unit* c : catalog().children(d, *p)) {
        EXPECT_EQ(c->level, Level::commune);
        ++seen[c->code];
      }
    }
    EXPECT_EQ(seen.size(), 346u);
    for (const auto& [code, n] : seen) EXPECT_EQ(n, 1) << code;
    std::size_t via_regions = 0;
    for (const layers::Unit* r : catalog().units(d, Level::region)) via_regions += catalog().communes_of(d, *r).size();
    EXPECT_EQ(via_regions, 346u);
  }
}

TEST(Catalog, NubleCommunesFormProvince084OfBiobioIn2007) {
  const layers::Unit* chillan = catalog().find(Division::d2018, "16101");
  ASSERT_NE(chillan, nullptr);
  EXPECT_EQ(catalog().ancestor(Division::d2018, *chillan, Level::province)->code, "161");
  EXPECT_EQ(catalog().ancestor(Division::d2018, *chillan, Level::region)->code, "16");
  EXPECT_EQ(catalog().ancestor(Division::d2007, *chillan, Level::province)->code, "084");
  EXPECT_EQ(catalog().ancestor(Division::d2007, *chillan, Level::region)->code, "08");
  EXPECT_EQ(catalog().find(Division::d2007, "08401"), catalog().find(Division::d2007, "16101"))
      << "the 2007 commune code finds the same commune";
  EXPECT_EQ(catalog().communes_of(Division::d2007, *catalog().find(Division::d2007, "08")).size(), 54u);
  EXPECT_EQ(catalog().find(Division::d2007, "16"), nullptr);
}

TEST(Catalog, PopulationOfChileRollsUp) {
  for (Division d : layers::kAllDivisions) {
    std::int64_t total = 0;
    for (const layers::Unit* r : catalog().units(d, Level::region)) total += r->population;
    EXPECT_EQ(total, 17574003);
  }
  EXPECT_EQ(catalog().find(Division::d2018, "12202")->population, 138);
}

// Dissolving must neither lose nor invent area: the union of a region's
// communes has the area of their sum (within 0.1 %: the generalised
// boundaries overlap by slivers).
TEST(Catalog, DissolvedRegionAreasMatchTheirCommunes) {
  for (Division d : layers::kAllDivisions) {
    for (const layers::Unit* r : catalog().units(d, Level::region)) {
      double sum = 0;
      for (const layers::Unit* c : catalog().communes_of(d, *r)) sum += c->area_km2;
      ASSERT_GT(r->area_km2, 0) << r->code;
      EXPECT_NEAR(r->area_km2 / sum, 1.0, 0.001) << "region " << r->code << " division " << division_name(d);
      EXPECT_NEAR(geo::geodesic_area_m2(*catalog().geometry(d, r->code)) / 1e6, r->area_km2, 1e-6 * r->area_km2);
    }
  }
}

TEST(Catalog, AntarticaHasNoPolygon) {
  EXPECT_EQ(catalog().geometry(Division::d2018, "12202"), nullptr);
  EXPECT_GT(catalog().find(Division::d2018, "12201")->area_km2, 0);
}

TEST(Catalog, LocatesPointsWithTheirBasis) {
  // Plaza de Armas de Santiago.
  auto m = catalog().locate(-70.6506, -33.4378);
  ASSERT_NE(m.commune, nullptr);
  EXPECT_EQ(m.commune->code, "13101");
  EXPECT_EQ(m.basis, layers::PointBasis::inside);
  // Open Pacific, 300 km off Valparaíso.
  m = catalog().locate(-75.0, -33.0);
  EXPECT_EQ(m.commune, nullptr);
  EXPECT_EQ(m.basis, layers::PointBasis::none);
}

}  // namespace
