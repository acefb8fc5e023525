// Queries by territory: gazetteer search, the initiatives of a unit, one
// initiative with its joined units.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/layers/coverage/seed_model.h"
#include "tests/support/served_store_test.h"

namespace {

using nlohmann::json;

class TerritoryQueries : public test_support::ServedStoreTest {
 protected:
  // "level:code:division" of each search result, in order.
  std::vector<std::string> search(const std::string& query) {
    std::vector<std::string> out;
    const json j = get_json("/territories?" + query);
    for (const auto& m : j["results"])
      out.push_back(m["level"].get<std::string>() + ":" + m["code"].get<std::string>() + ":" +
                    m["division"].get<std::string>());
    return out;
  }
};

TEST_F(TerritoryQueries, AccentlessNameFindsTheUnit) {
  const json j = get_json("/territories?q=concepcion&level=commune&division=2018");
  ASSERT_FALSE(j["results"].empty());
  const json& first = j["results"][0];
  EXPECT_EQ(first["code"], "08101");
  EXPECT_EQ(first["name"], "Concepción");
  EXPECT_EQ(first["level"], "commune");
  EXPECT_EQ(first["division"], "2018");
  EXPECT_FALSE(first["via_alias"]);
  EXPECT_EQ(first["parents"], json::parse(R"([{"level":"province","code":"081","name":"Concepción"},
                                              {"level":"region","code":"08","name":"Biobío"}])"));
  EXPECT_EQ(search("q=Nuble&level=region"), (std::vector<std::string>{"region:16:2018"}));
}

TEST_F(TerritoryQueries, AliasedNameFindsTheUnit) {
  const json j = get_json("/territories?q=Puerto%20Natales");
  ASSERT_FALSE(j["results"].empty());
  EXPECT_EQ(j["results"][0]["code"], "12401");
  EXPECT_EQ(j["results"][0]["name"], "Natales");
  EXPECT_TRUE(j["results"][0]["via_alias"]);
  EXPECT_EQ(j["results"][0]["matched_name"], "Puerto Natales");
  EXPECT_EQ(search("q=RM&division=2018&limit=1"), (std::vector<std::string>{"region:13:2018"}));
  EXPECT_EQ(search("q=aisen&level=region&division=2007"), (std::vector<std::string>{"region:11:2007"}));
}

TEST_F(TerritoryQueries, AmbiguousNameReturnsEveryMatch) {
  // Valparaíso is a region, a province and a commune, in both divisions.
  const auto got = search("q=valparaiso");
  const std::vector<std::string> expected = {"region:05:2018",   "region:05:2007",  "province:051:2018",
                                             "province:051:2007", "commune:05101:2018", "commune:05101:2007"};
  ASSERT_GE(got.size(), expected.size());
  EXPECT_EQ(std::vector<std::string>(got.begin(), got.begin() + 6), expected);
  EXPECT_EQ(search("q=valparaiso&division=2007").size(), 3u);
}

TEST_F(TerritoryQueries, PrefixSearchIsRankedAndLimited) {
  const auto got = search("q=puerto&limit=3");
  EXPECT_EQ(got.size(), 3u);
  EXPECT_TRUE(get_json("/territories?q=zzzzzz")["results"].empty());
}

// Initiative 268 acts on the whole Araucanía region: every commune of the
// region lists it as acting on an enclosing unit, the region itself "in".
TEST_F(TerritoryQueries, RegionInitiativeAppearsInEachCommuneAsEnclosing) {
  seed_model::Model model;
  int communes = 0;
  for (const auto& [code, c] : model.communes()) {
    if (c.r18 != "09") continue;
    ++communes;
    const json j = get_json("/territories/" + code + "/initiatives");
    bool found = false;
    for (const auto& i : j["initiatives"]) {
      if (i["id"] != "268") continue;
      found = true;
      EXPECT_EQ(i["relation"], "on_enclosing") << code;
      EXPECT_EQ(i["enclosing"]["code"], "09") << code;
      EXPECT_EQ(i["enclosing"]["level"], "region") << code;
    }
    EXPECT_TRUE(found) << code;
    EXPECT_EQ(j["unit"]["code"], code);
  }
  EXPECT_EQ(communes, 32);
  const json region = get_json("/territories/09/initiatives");
  std::map<std::string, std::string> relation;
  for (const auto& i : region["initiatives"]) relation[i["id"]] = i["relation"];
  EXPECT_EQ(relation, (std::map<std::string, std::string>{
                          {"268", "in"}, {"239", "in"}, {"80", "in_sub_unit"}, {"72", "in_sub_unit"}}));
  EXPECT_EQ(region["counts"], json::parse(R"({"in":2,"in_sub_unit":2,"on_enclosing":0,"total":4})"));
}

// Lautaro (09108) in 2007 and 2018: its own municipality's initiative and
// the two Araucanía-wide ones; a filter keeps only the awarded one.
TEST_F(TerritoryQueries, CommuneRelationsAndFilters) {
  const json j = get_json("/territories/09108/initiatives?division=2007");
  std::map<std::string, std::string> relation;
  for (const auto& i : j["initiatives"]) relation[i["id"]] = i["relation"];
  EXPECT_EQ(relation, (std::map<std::string, std::string>{{"80", "in"}, {"268", "on_enclosing"}, {"239", "on_enclosing"}}));
  EXPECT_EQ(j["unit"]["division"], "2007");
  const json f = get_json("/territories/09108/initiatives?award=Menci%C3%B3n%20Honrosa");
  ASSERT_EQ(f["initiatives"].size(), 1u);
  EXPECT_EQ(f["initiatives"][0]["id"], "80");
  EXPECT_EQ(f["initiatives"][0]["award"], "Mención Honrosa");
}

// Chillán (16101): in 2007 it lay in the Biobío region, so the three
// 2007-Biobío initiatives act on its enclosing region in both divisions
// (they were recorded as the 2007 region, which today spans 08 and 16).
TEST_F(TerritoryQueries, NubleCommuneInBothDivisions) {
  for (const std::string d : {"2018", "2007"}) {
    const json j = get_json("/territories/16101/initiatives?division=" + d);
    std::vector<std::string> ids;
    for (const auto& i : j["initiatives"]) {
      ids.push_back(i["id"]);
      EXPECT_EQ(i["relation"], "on_enclosing");
      EXPECT_EQ(i["enclosing"]["code"], d == "2018" ? "16" : "08");
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"242", "388", "393"})) << d;
  }
}

TEST_F(TerritoryQueries, InitiativeWithEveryJoinedUnit) {
  const json j = get_json("/initiatives/126");
  EXPECT_EQ(j["id"], "126");
  EXPECT_EQ(j["region_recorded"], "Bío Bío");
  EXPECT_EQ(j["region_recorded_code_2007"], "08");
  EXPECT_TRUE(j["institution_type"].is_null());
  EXPECT_TRUE(j["scope"].is_null());
  EXPECT_EQ(j["footprint"]["kind"], "codes");
  EXPECT_EQ(j["footprint"]["scale"], "commune");
  EXPECT_EQ(j["units"]["2018"]["commune"].size(), 7u);
  EXPECT_EQ(j["units"]["2007"]["commune"].size(), 7u);
  EXPECT_EQ(j["units"]["2018"]["province"], json::parse(R"([{"code":"162","name":"Itata","whole":true,"basis":"rollup"}])"));
  EXPECT_EQ(j["units"]["2018"]["region"][0]["code"], "16");
  EXPECT_FALSE(j["units"]["2018"]["region"][0]["whole"]);
  EXPECT_EQ(j["units"]["2007"]["province"][0]["code"], "084");
  EXPECT_EQ(j["units"]["2007"]["region"][0]["code"], "08");
  EXPECT_EQ(j["attributes"]["annex_order"], "20");
  const json c = get_json("/initiatives/64");
  EXPECT_EQ(c["units"]["2018"]["commune"][0]["name"], "El Bosque");
  EXPECT_EQ(c["award"], "2do Lugar");
  EXPECT_EQ(c["field_visit"], true);
}

}  // namespace
