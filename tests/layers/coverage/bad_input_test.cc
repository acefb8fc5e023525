// Every malformed parameter of the coverage, statistics and territory
// routes is a 400 problem document naming it and, where there is a closed
// set, listing the allowed values; unknown units and initiatives are 404.
#include <algorithm>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/served_store_test.h"

namespace {

using nlohmann::json;

class BadInput : public test_support::ServedStoreTest {};

TEST_F(BadInput, UnknownLevelOrDivision) {
  auto j = problem("/coverage?level=country", 400);
  EXPECT_EQ(j["parameter"], "level");
  EXPECT_EQ(j["allowed"], json::parse(R"(["region","province","commune"])"));
  j = problem("/coverage", 400);
  EXPECT_EQ(j["detail"], "missing query parameter level");
  j = problem("/coverage?level=region&division=1990", 400);
  EXPECT_EQ(j["allowed"], json::parse(R"(["2018","2007"])"));
  j = problem("/stats/initiatives?by=award&division=2020", 400);
  EXPECT_EQ(j["parameter"], "division");
  j = problem("/territories?q=chillan&level=city", 400);
  EXPECT_EQ(j["parameter"], "level");
}

TEST_F(BadInput, UnknownFilterOrValue) {
  auto j = problem("/coverage?level=region&colour=red", 400);
  EXPECT_EQ(j["parameter"], "colour");
  EXPECT_NE(std::find(j["allowed"].begin(), j["allowed"].end(), "award"), j["allowed"].end());
  EXPECT_NE(std::find(j["allowed"].begin(), j["allowed"].end(), "within"), j["allowed"].end());
  j = problem("/coverage?level=region&award=3er%20Lugar", 400);
  EXPECT_EQ(j["parameter"], "award");
  EXPECT_EQ(j["allowed"], json::parse(R"(["1er Lugar","2do Lugar","Mención Honrosa"])"));
  j = problem("/coverage?level=region&stage=archived", 400);
  EXPECT_EQ(j["allowed"], json::parse(R"(["inscrita","profundización","finalizada","terreno"])"));
  j = problem("/coverage?level=region&field_visit=yes", 400);
  EXPECT_EQ(j["allowed"], json::parse(R"(["true","false"])"));
  problem("/coverage?level=region&year=20x0", 400);
  problem("/coverage?level=region&year=2010/2008", 400);
  problem("/coverage?level=region&level=commune", 400);
  j = problem("/territories/09/initiatives?scope=Planetary", 400);
  EXPECT_EQ(j["parameter"], "scope");
  j = problem("/stats/initiatives?by=award&rurality=Suburban", 400);
  EXPECT_EQ(j["parameter"], "rurality");
}

TEST_F(BadInput, CoverageFormatAndTerritory) {
  auto j = problem("/coverage?level=region&f=xml", 400);
  EXPECT_EQ(j["allowed"], json::parse(R"(["json","csv"])"));
  j = problem("/coverage?level=commune&within=Biobio", 400);
  EXPECT_EQ(j["parameter"], "within");
  j = problem("/coverage?level=commune&within=16&division=2007", 400);
  EXPECT_EQ(j["detail"], "no unit 16 in division 2007");
  j = problem("/coverage?level=province&within=08101", 400);
  EXPECT_EQ(j["detail"], "within 08101 is a commune, finer than the level province");
}

TEST_F(BadInput, StatsAttributes) {
  auto j = problem("/stats/initiatives", 400);
  EXPECT_EQ(j["parameter"], "by");
  EXPECT_EQ(j["allowed"].size(), 13u);  // the 12 attributes and contest, the edition
  EXPECT_NE(std::find(j["allowed"].begin(), j["allowed"].end(), "contest"), j["allowed"].end());
  j = problem("/stats/initiatives?by=colour", 400);
  EXPECT_EQ(j["detail"], "unknown attribute 'colour' for by");
  problem("/stats/initiatives?by=award&by=stage&by=area", 400);
  problem("/stats/initiatives?by=award,award", 400);
  problem("/stats/initiatives?by=award&f=pdf", 400);
}

TEST_F(BadInput, TerritorySearchAndLookups) {
  problem("/territories", 400);
  problem("/territories?q=%20", 400);
  problem("/territories?q=a&limit=0", 400);
  problem("/territories?q=a&limit=2.5", 400);
  problem("/territories?q=a&limit=1000", 400);
  problem("/territories?q=a&limit=ten", 400);
  problem("/territories?q=a&q=b", 400);
  problem("/territories/123456/initiatives", 400);
  problem("/territories/99/initiatives", 404);
  problem("/territories/16/initiatives?division=2007", 404);
  problem("/initiatives/99999", 404);
  problem("/initiatives/60?verbose=1", 400);
}

}  // namespace
