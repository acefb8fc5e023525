// The join of real labelled points: every INE census zone point against the
// commune INE assigns it to.
#include <gtest/gtest.h>

#include <cstdio>

#include "layers/store/csv_table.h"
#include "tests/support/fixture_store.h"

namespace {

TEST(CensusJoin, AtLeast999PerThousandZonesJoinTheirInecommune) {
  const auto& catalog = test_support::fixture_registry().catalog();
  const auto table = layers::read_csv(std::string(TERRITORIO_DATA_DIR) + "/census_zones_2017.csv");
  const auto kz = table.column("zone_code"), kc = table.column("commune_code"), kx = table.column("lon"),
             ky = table.column("lat");
  ASSERT_EQ(table.rows.size(), 4865u);
  std::size_t hits = 0, misses = 0;
  for (const auto& r : table.rows) {
    const auto m = catalog.locate(std::stod(r[kx]), std::stod(r[ky]));
    if (m.commune && m.commune->code == r[kc]) {
      ++hits;
    } else {
      ++misses;
      std::printf("miss: zone %s (%s, %s) INE %s, joined %s (%s)\n", r[kz].c_str(), r[kx].c_str(), r[ky].c_str(),
                  r[kc].c_str(), m.commune ? m.commune->code.c_str() : "none",
                  std::string(layers::point_basis_name(m.basis)).c_str());
    }
  }
  const double rate = static_cast<double>(hits) / static_cast<double>(table.rows.size());
  std::printf("census zones joined to their INE commune: %zu of %zu (%.4f %%), %zu misses\n", hits, table.rows.size(),
              100 * rate, misses);
  EXPECT_GE(rate, 0.999);
}

}  // namespace
