// The 29 seed initiatives (annex 1 of the report) joined to their units.
// Expected communes are computed here from the CSV files, not by the code
// under test.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "layers/store/csv_table.h"
#include "tests/support/fixture_store.h"

namespace {

using layers::Division;
using layers::Level;

const std::string kData = TERRITORIO_DATA_DIR;

// Communes of a code (region, province or commune) in a division, from the CSVs.
std::set<std::string> expected_communes(const std::string& code, const std::string& division) {
  const auto codes = layers::read_csv(kData + "/territorial_codes.csv");
  const auto d07 = layers::read_csv(kData + "/division_2007.csv");
  std::map<std::string, std::pair<std::string, std::string>> prov_reg_2007;  // commune -> (province, region)
  for (const auto& r : d07.rows)
    prov_reg_2007[r[d07.column("commune_code")]] = {r[d07.column("province_code_2007")], r[d07.column("region_code_2007")]};
  std::set<std::string> out;
  for (const auto& r : codes.rows) {
    const std::string commune = r[codes.column("commune_code")];
    const std::string province = division == "2018" ? r[codes.column("province_code")] : prov_reg_2007[commune].first;
    const std::string region = division == "2018" ? r[codes.column("region_code")] : prov_reg_2007[commune].second;
    if (code == commune || code == province || code == region) out.insert(commune);
  }
  return out;
}

const layers::StoredInitiative& initiative(const std::string& id) {
  for (const auto& s : test_support::fixture_registry().initiatives())
    if (s.initiative.id == id) return s;
  throw std::runtime_error("no initiative " + id);
}

std::set<std::string> joined(const layers::StoredInitiative& s, Division d, Level l) {
  std::set<std::string> out;
  for (const auto& u : s.units)
    if (u.division == d && u.level == l) out.insert(u.code);
  return out;
}

TEST(SeedJoin, FootprintScaleIsTheCoarsestLevelNamed) {
  EXPECT_EQ(initiative("393").footprint_scale, Level::region);
  EXPECT_EQ(initiative("60").footprint_scale, Level::province);
  EXPECT_EQ(initiative("231").footprint_scale, Level::province);
  EXPECT_EQ(initiative("126").footprint_scale, Level::commune);
}

TEST(SeedJoin, AllTwentyNineInitiativesAreStored) {
  EXPECT_EQ(test_support::fixture_registry().initiatives().size(), 29u);
}

TEST(SeedJoin, EveryInitiativeReachesTheCommunesOfItsFootprintCodes) {
  const auto seed = layers::read_csv(kData + "/initiatives_seed.csv");
  ASSERT_EQ(seed.rows.size(), 29u);
  for (const auto& r : seed.rows) {
    const std::string id = r[seed.column("id")];
    std::set<std::string> want;
    std::string codes = r[seed.column("footprint_codes")] + ";";
    for (std::size_t p; (p = codes.find(';')) != std::string::npos; codes.erase(0, p + 1)) {
      auto part = expected_communes(codes.substr(0, p), r[seed.column("footprint_division")]);
      want.insert(part.begin(), part.end());
    }
    ASSERT_FALSE(want.empty()) << id;
    for (Division d : layers::kAllDivisions) EXPECT_EQ(joined(initiative(id), d, Level::commune), want) << id;
  }
}

TEST(SeedJoin, ItataValleyIsProvince162Region16In2018AndProvince084Region08In2007) {
  const auto& s = initiative("126");
  EXPECT_EQ(joined(s, Division::d2018, Level::commune),
            (std::set<std::string>{"16201", "16202", "16203", "16204", "16205", "16206", "16207"}));
  EXPECT_EQ(joined(s, Division::d2018, Level::province), std::set<std::string>{"162"});
  EXPECT_EQ(joined(s, Division::d2018, Level::region), std::set<std::string>{"16"});
  EXPECT_EQ(joined(s, Division::d2007, Level::province), std::set<std::string>{"084"});
  EXPECT_EQ(joined(s, Division::d2007, Level::region), std::set<std::string>{"08"});
  for (const auto& u : s.units) {
    if (u.level == Level::commune) {
      EXPECT_EQ(u.basis, "code");
    }
    // Itata is the whole province 162, but only part of 084 and of region 16.
    if (u.code == "162") {
      EXPECT_TRUE(u.whole);
    }
    if (u.code == "084" || u.code == "16" || u.code == "08") {
      EXPECT_FALSE(u.whole) << u.code;
    }
  }
}

TEST(SeedJoin, BiobioOf2007ReachesEveryCommuneOfTodaysBiobioAndNuble) {
  const auto& s = initiative("393");
  EXPECT_EQ(joined(s, Division::d2018, Level::commune).size(), 54u);
  EXPECT_EQ(joined(s, Division::d2018, Level::commune), expected_communes("08", "2007"));
  EXPECT_EQ(joined(s, Division::d2018, Level::region), (std::set<std::string>{"08", "16"}));
  EXPECT_EQ(joined(s, Division::d2007, Level::region), std::set<std::string>{"08"});
  for (const auto& u : s.units) {
    if (u.level != Level::commune) {
      EXPECT_TRUE(u.whole) << u.code << " of " << division_name(u.division);
    }
  }
}

// Annex table 1, column "Prof. Finalizadas": the 29 by region as recorded.
TEST(SeedJoin, RecordedRegionsMatchAnnexTableOne) {
  const std::map<std::string, int> annex = {{"15", 1}, {"01", 0}, {"02", 0}, {"03", 2}, {"04", 1},
                                            {"05", 5}, {"13", 5}, {"06", 0}, {"07", 3}, {"08", 5},
                                            {"09", 4}, {"14", 0}, {"10", 2}, {"11", 1}, {"12", 0}};
  std::map<std::string, int> by_recorded, by_joined_2007;
  for (const auto& s : test_support::fixture_registry().initiatives()) {
    ++by_recorded[s.region_recorded_code];
    const auto regions = joined(s, Division::d2007, Level::region);
    ASSERT_EQ(regions.size(), 1u) << s.initiative.id;
    ++by_joined_2007[*regions.begin()];
    EXPECT_EQ(*regions.begin(), s.region_recorded_code) << s.initiative.id;
  }
  for (const auto& [region, n] : annex) {
    EXPECT_EQ(by_recorded[region], n) << "recorded region " << region;
    EXPECT_EQ(by_joined_2007[region], n) << "joined region " << region;
  }
  EXPECT_EQ(by_recorded.count(""), 0u) << "every recorded region resolves";
}

}  // namespace
