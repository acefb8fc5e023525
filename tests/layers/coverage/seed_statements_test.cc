// The seed report's own statements (section 3 and annex table 1) as the
// test of truth: coverage of the 29 seed initiatives under the 2007 division
// and the cross-tabulations of their records.
#include <gtest/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "tests/support/served_store_test.h"

namespace {

using nlohmann::json;

class SeedStatements : public test_support::ServedStoreTest {
 protected:
  // value -> count of a one-attribute cross-tab.
  std::map<std::string, int> counts(const std::string& query) {
    std::map<std::string, int> out;
    const json j = get_json("/stats/initiatives?" + query);
    for (const auto& v : j["rows"]["values"]) out[v["value"]] = v["count"];
    return out;
  }
};

// "las regiones que más iniciativas presentan son Valparaíso, Bío Bío y la
// Metropolitana con 5 cada una, seguidas de Araucanía (4), Maule (3), Atacama
// y Los Lagos (2) y Arica y Parinacota, Coquimbo y Aysén (1). Tarapacá,
// Antofagasta, O'Higgins, Los Ríos y Magallanes no presentaron experiencias".
TEST_F(SeedStatements, RegionCoverageIn2007) {
  const json j = get_json("/coverage?level=region&division=2007");
  const std::map<std::string, int> expected = {{"05", 5}, {"08", 5}, {"13", 5}, {"09", 4}, {"07", 3},
                                               {"03", 2}, {"10", 2}, {"15", 1}, {"04", 1}, {"11", 1},
                                               {"01", 0}, {"02", 0}, {"06", 0}, {"14", 0}, {"12", 0}};
  ASSERT_EQ(j["units"].size(), 15u);
  for (const auto& u : j["units"]) EXPECT_EQ(u["total"], expected.at(u["code"])) << u["code"];
  std::vector<std::string> gaps;  // by code: 01, 02, 06, 12, 14
  for (const auto& g : j["summary"]["gaps"]) gaps.push_back(g["name"]);
  EXPECT_EQ(gaps, (std::vector<std::string>{"Tarapacá", "Antofagasta", "Libertador General Bernardo O'Higgins",
                                            "Magallanes y de la Antártica Chilena", "Los Ríos"}));
  EXPECT_EQ(j["summary"]["units_covered"], 10);
  EXPECT_EQ(j["summary"]["initiatives"], 29);
}

// Annex table 1, column "Prof. Finalizadas", from the recorded region.
TEST_F(SeedStatements, AnnexTable1ByRecordedRegion) {
  const json j = get_json("/stats/initiatives?by=region_recorded");
  EXPECT_EQ(j["total"], 29);
  EXPECT_EQ(j["rows"]["division"], "2007");
  EXPECT_FALSE(j["rows"]["multi_valued"]);
  std::vector<std::pair<std::string, int>> got;
  for (const auto& v : j["rows"]["values"]) got.emplace_back(v["value"], v["count"]);
  // North to south, as the annex lists them: XV, I, II, III, IV, V, RM, VI, VII, VIII, IX, XIV, X, XI, XII.
  EXPECT_EQ(got, (std::vector<std::pair<std::string, int>>{{"15", 1}, {"01", 0}, {"02", 0}, {"03", 2}, {"04", 1},
                                                           {"05", 5}, {"13", 5}, {"06", 0}, {"07", 3}, {"08", 5},
                                                           {"09", 4}, {"14", 0}, {"10", 2}, {"11", 1}, {"12", 0}}));
}

// Annex table 1, columns "Premio" and "M H": the 2nd places in the
// Metropolitana and Los Lagos, honourable mentions in XV, V, VII and IX.
TEST_F(SeedStatements, AwardsByRecordedRegion) {
  const json j = get_json("/stats/initiatives?by=region_recorded&by=award");
  std::vector<std::string> columns;
  for (const auto& v : j["columns"]["values"]) columns.push_back(v["value"]);
  EXPECT_EQ(columns, (std::vector<std::string>{"1er Lugar", "2do Lugar", "Mención Honrosa", "unknown"}));
  std::map<std::string, std::vector<int>> cells;
  for (const auto& v : j["rows"]["values"]) cells[v["value"]] = v["cells"].get<std::vector<int>>();
  EXPECT_EQ(cells["13"], (std::vector<int>{0, 1, 0, 4}));
  EXPECT_EQ(cells["10"], (std::vector<int>{0, 1, 0, 1}));
  EXPECT_EQ(cells["15"], (std::vector<int>{0, 0, 1, 0}));
  EXPECT_EQ(cells["05"], (std::vector<int>{0, 0, 1, 4}));
  EXPECT_EQ(cells["07"], (std::vector<int>{0, 0, 1, 2}));
  EXPECT_EQ(cells["09"], (std::vector<int>{0, 0, 1, 3}));
  EXPECT_EQ(cells["08"], (std::vector<int>{0, 0, 0, 5}));
  std::vector<int> column_totals;
  for (const auto& v : j["columns"]["values"]) column_totals.push_back(v["count"]);
  EXPECT_EQ(column_totals, (std::vector<int>{0, 2, 4, 23}));
}

// "obteniendo dos de ellas el 2º lugar en la premiación general y 4 menciones
// honrosas"; 12 went to the field visit (Cuadro Nº 2, "Terreno").
TEST_F(SeedStatements, AwardsStagesAndFieldVisits) {
  EXPECT_EQ(counts("by=award"),
            (std::map<std::string, int>{{"1er Lugar", 0}, {"2do Lugar", 2}, {"Mención Honrosa", 4}, {"unknown", 23}}));
  EXPECT_EQ(counts("by=field_visit"), (std::map<std::string, int>{{"true", 12}, {"false", 17}}));
  const auto stages = counts("by=stage");
  EXPECT_EQ(stages.at("finalizada"), 29);
  EXPECT_EQ(stages.at("inscrita"), 0);
  EXPECT_EQ(stages.count("unknown"), 0u);
  EXPECT_EQ(counts("by=area").at("Político-Institucional"), 29);
}

// The seed records carry no institution type, scope, rurality or theme:
// all 29 are unknown, and no vocabulary value is credited with any.
TEST_F(SeedStatements, AttributesTheDataLacksAreUnknown) {
  for (const std::string a : {"institution_type", "scope", "rurality", "thematic_field", "year"}) {
    SCOPED_TRACE(a);
    const auto c = counts("by=" + a);
    for (const auto& [value, n] : c) EXPECT_EQ(n, value == "unknown" ? 29 : 0) << value;
    EXPECT_EQ(c.at("unknown"), 29);
  }
}

// Joined regions in 2018: the Itata valley initiative (126) and the three
// 2007 Biobío region initiatives reach Ñuble too, so counts exceed the total.
TEST_F(SeedStatements, JoinedRegionIn2018IsMultiValued) {
  const json j = get_json("/stats/initiatives?by=region&division=2018");
  EXPECT_TRUE(j["rows"]["multi_valued"]);
  EXPECT_EQ(j["total"], 29);
  std::map<std::string, int> c;
  for (const auto& v : j["rows"]["values"]) c[v["value"]] = v["count"];
  EXPECT_EQ(c.at("16"), 4);
  EXPECT_EQ(c.at("08"), 4);
  EXPECT_EQ(c.size(), 16u);
  const json j07 = get_json("/stats/initiatives?by=region&division=2007");
  EXPECT_FALSE(j07["rows"]["multi_valued"]);
}

TEST_F(SeedStatements, CsvOfTheAnnexTable) {
  const auto r = client_.get(server_->url("/stats/initiatives?by=region_recorded,award&f=csv"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-type"), "text/csv; charset=utf-8; header=present");
  const std::string head = "region_recorded,label,1er Lugar,2do Lugar,Mención Honrosa,unknown,total\r\n"
                           "15,Arica y Parinacota,0,0,1,0,1\r\n"
                           "01,Tarapacá,0,0,0,0,0\r\n";
  EXPECT_EQ(r.body.substr(0, head.size()), head);
  const std::string tail = "12,Magallanes y de la Antártica Chilena,0,0,0,0,0\r\ntotal,,0,2,4,23,29\r\n";
  ASSERT_GE(r.body.size(), tail.size());
  EXPECT_EQ(r.body.substr(r.body.size() - tail.size()), tail);
}

TEST_F(SeedStatements, CoverageCsv) {
  const auto r = client_.get(server_->url("/coverage?level=region&division=2007&f=csv"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-disposition"), "attachment; filename=\"coverage_region_2007.csv\"");
  const std::string head =
      "code,name,level,parent_code,population,acting_in,acting_on_enclosing,total,per_100k,covered,acting_in_ids,"
      "acting_on_enclosing_ids,nearest_initiative_km,neighbours_per_100k\r\n"
      "01,Tarapacá,region,,330558,0,0,0,0.00,false,,,191.9,0.12\r\n";
  EXPECT_EQ(r.body.substr(0, head.size()), head);
  EXPECT_NE(r.body.find("\r\n08,Biobío,region,,2037414,5,0,5,0.25,true,126;242;272;388;393,,0.0,0.35\r\n"),
            std::string::npos)
      << r.body;
}

}  // namespace
