// The unit lookup every /territories/{code}/... route shares
// (server/routes/unit_lookup.h): the same 404 problem, byte for byte, from
// each route; its own parameters and the filters still read before the
// lookup (a bad one is a 400 even for a unit that does not exist); the
// query names each route takes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/served_store_test.h"

namespace {

class UnitLookup : public test_support::ServedStoreTest {};

const std::vector<std::string> kRoutes = {"", "/initiatives", "/nearby-initiatives", "/report.html", "/report.pdf"};

TEST_F(UnitLookup, EveryRouteAnswersTheSameNotFound) {
  for (const std::string& route : kRoutes) {
    auto r = get("/territories/99999" + route);
    EXPECT_EQ(r.status, 404) << route;
    EXPECT_EQ(r.headers.at("content-type"), "application/problem+json") << route;
    EXPECT_EQ(r.body,
              "{\"code\":\"99999\",\"detail\":\"no unit 99999 in division 2018\",\"division\":\"2018\","
              "\"status\":404,\"title\":\"Not Found\",\"type\":\"about:blank\"}")
        << route;
    // 16 is a region of 2018, not of 2007.
    r = get("/territories/16" + route + "?division=2007");
    EXPECT_EQ(r.status, 404) << route;
    EXPECT_EQ(r.body,
              "{\"code\":\"16\",\"detail\":\"no unit 16 in division 2007\",\"division\":\"2007\","
              "\"status\":404,\"title\":\"Not Found\",\"type\":\"about:blank\"}")
        << route;
  }
}

TEST_F(UnitLookup, AMalformedCodeOrDivisionIsABadRequest) {
  for (const std::string& route : kRoutes) {
    EXPECT_EQ(problem("/territories/1610" + route, 400)["parameter"], "code") << route;
    EXPECT_EQ(problem("/territories/16101" + route + "?division=2019", 400)["parameter"], "division") << route;
  }
}

TEST_F(UnitLookup, ARouteReadsItsOwnParametersBeforeTheLookup) {
  EXPECT_EQ(problem("/territories/99999/nearby-initiatives?limit=0", 400)["parameter"], "limit");
  for (const std::string route : {"/initiatives", "/nearby-initiatives", "/report.html", "/report.pdf"})
    EXPECT_EQ(problem("/territories/99999" + route + "?award=Nada", 400)["parameter"], "award") << route;
}

TEST_F(UnitLookup, EachRouteTakesItsOwnQueryNames) {
  EXPECT_EQ(problem("/territories/16101?award=Nada", 400)["allowed"], nlohmann::json::array({"division"}));
  const auto filters = nlohmann::json::array(
      {"area", "thematic_field", "award", "stage", "institution_type", "scope", "rurality", "contest", "field_visit", "year"});
  nlohmann::json division = nlohmann::json::array({"division"});
  division.insert(division.end(), filters.begin(), filters.end());
  nlohmann::json with_limit = nlohmann::json::array({"division", "limit"});
  with_limit.insert(with_limit.end(), filters.begin(), filters.end());
  EXPECT_EQ(problem("/territories/16101/initiatives?bogus=1", 400)["allowed"], division);
  EXPECT_EQ(problem("/territories/16101/report.html?bogus=1", 400)["allowed"], division);
  EXPECT_EQ(problem("/territories/16101/nearby-initiatives?bogus=1", 400)["allowed"], with_limit);
}

}  // namespace
