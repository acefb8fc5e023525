// The contest edition of the bundled records ("Primer Concurso", no year:
// data/SOURCES.md) and the contest and year filters wherever the other
// filters work: coverage, statistics, items, tiles.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/served_store_test.h"

namespace {

using nlohmann::json;

class ContestFilter : public test_support::ServedStoreTest {};

TEST_F(ContestFilter, EveryBundledRecordIsOfTheFirstContestWithNoYear) {
  const json items = get_json("/collections/initiatives/items?limit=100");
  ASSERT_EQ(items["features"].size(), 29u);
  for (const auto& f : items["features"]) {
    EXPECT_EQ(f["properties"]["contest"], "Primer Concurso") << f["id"];
    EXPECT_TRUE(f["properties"]["year"].is_null()) << f["id"];
  }
}

TEST_F(ContestFilter, Coverage) {
  const json all = get_json("/coverage?level=commune");
  const json first = get_json("/coverage?level=commune&contest=primer%20concurso");
  EXPECT_EQ(first["summary"]["initiatives"], 29);
  EXPECT_EQ(first["units"], all["units"]);
  EXPECT_EQ(get_json("/coverage?level=region&year=2008")["summary"]["initiatives"], 0);
  const json p = problem("/coverage?level=region&contest=Segundo%20Concurso", 400);
  EXPECT_EQ(p["parameter"], "contest");
  EXPECT_EQ(p["allowed"], json({"Primer Concurso"}));
}

TEST_F(ContestFilter, Statistics) {
  const json by = get_json("/stats/initiatives?by=contest");
  EXPECT_EQ(by["total"], 29);
  ASSERT_EQ(by["rows"]["values"].size(), 1u);
  EXPECT_EQ(by["rows"]["values"][0]["value"], "Primer Concurso");
  EXPECT_EQ(by["rows"]["values"][0]["count"], 29);
  EXPECT_EQ(get_json("/stats/initiatives?by=region&contest=Primer%20Concurso")["total"], 29);
  EXPECT_EQ(get_json("/stats/initiatives?by=region&year=2008")["total"], 0);
  EXPECT_EQ(problem("/stats/initiatives?by=region&contest=Nada", 400)["parameter"], "contest");
}

TEST_F(ContestFilter, Items) {
  EXPECT_EQ(get_json("/collections/initiatives/items?contest=Primer%20Concurso&limit=1")["numberMatched"], 29);
  EXPECT_EQ(get_json("/collections/initiatives/items?contest=Segundo%20Concurso&limit=1")["numberMatched"], 0);
  EXPECT_EQ(get_json("/collections/initiatives/items?filter=contest%3D%27Primer%20Concurso%27&limit=1")["numberMatched"], 29);
}

TEST_F(ContestFilter, Tiles) {
  EXPECT_EQ(get("/tiles/communes/14/4976/9809.mvt?contest=Primer%20Concurso").status, 200);
  EXPECT_EQ(problem("/tiles/communes/14/4976/9809.mvt?contest=Nada", 400)["parameter"], "contest");
}

}  // namespace
