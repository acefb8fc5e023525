// The real binary serving the fixture store: territory and point queries,
// operations endpoints, errors and persistent connections.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/served_store_test.h"

namespace {

using nlohmann::json;
using test_support::HttpClient;

class Territories : public test_support::ServedStoreTest {
 protected:
  void expect_problem(const std::string& path, long status, const std::string& detail_part) {
    const json j = problem(path, status);
    EXPECT_EQ(j["status"], status) << path;
    EXPECT_NE(j["detail"].get<std::string>().find(detail_part), std::string::npos) << j.dump();
  }
};

TEST_F(Territories, HealthAndReadiness) {
  auto r = get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  r = get("/readyz");
  ASSERT_EQ(r.status, 200);
  const auto j = json::parse(r.body);
  EXPECT_EQ(j["initiatives"], 29);
  EXPECT_EQ(j["units"]["2018"]["region"], 16);
  EXPECT_EQ(j["units"]["2018"]["province"], 56);
  EXPECT_EQ(j["units"]["2007"]["region"], 15);
  EXPECT_EQ(j["units"]["2007"]["province"], 54);
}

TEST_F(Territories, CommuneWithParentsInBothDivisions) {
  auto r = get("/territories/16101");
  ASSERT_EQ(r.status, 200);
  auto j = json::parse(r.body);
  EXPECT_EQ(j["name"], "Chillán");
  EXPECT_EQ(j["level"], "commune");
  EXPECT_EQ(j["division"], "2018");
  EXPECT_EQ(j["population"], 184739);
  EXPECT_EQ(j["parents"], json::parse(R"([{"code":"161","level":"province","name":"Diguillín"},
                                          {"code":"16","level":"region","name":"Ñuble"}])"));
  r = get("/territories/16101?division=2007");
  j = json::parse(r.body);
  EXPECT_EQ(j["code_2007"], "08401");
  EXPECT_EQ(j["parents"][0]["code"], "084");
  EXPECT_EQ(j["parents"][1]["code"], "08");
  EXPECT_EQ(json::parse(get("/territories/08401?division=2007").body)["code"], "16101");
}

TEST_F(Territories, RegionWithChildrenAndPopulation) {
  auto j = json::parse(get("/territories/08?division=2007").body);
  EXPECT_EQ(j["children"].size(), 4u);
  j = json::parse(get("/territories/08").body);
  EXPECT_EQ(j["children"].size(), 3u);
  EXPECT_EQ(j["name"], "Biobío");
  EXPECT_TRUE(j["parents"].empty());
  const auto nuble = json::parse(get("/territories/16").body);
  const auto biobio07 = json::parse(get("/territories/08?division=2007").body);
  EXPECT_EQ(j["population"].get<long>() + nuble["population"].get<long>(), biobio07["population"].get<long>());
}

TEST_F(Territories, ErrorsAreProblemDocuments) {
  expect_problem("/territories/99", 404, "no unit 99");
  expect_problem("/territories/16?division=2007", 404, "division 2007");
  expect_problem("/territories/1610", 400, "not a CUT code");
  expect_problem("/territories/abc", 400, "not a CUT code");
  expect_problem("/territories/13101?division=2019", 400, "2018 or 2007");
  expect_problem("/territories/13101?divison=2018", 400, "unknown query parameter 'divison'");
  expect_problem("/nowhere", 404, "");
}

TEST_F(Territories, LocateAnswersBothDivisions) {
  const auto r = get("/locate?lon=-72.1034&lat=-36.6066");
  ASSERT_EQ(r.status, 200);
  const auto j = json::parse(r.body);
  EXPECT_EQ(j["commune"]["code"], "16101");
  EXPECT_EQ(j["basis"], "point_in_polygon");
  EXPECT_EQ(j["divisions"]["2018"]["province"]["code"], "161");
  EXPECT_EQ(j["divisions"]["2018"]["region"]["code"], "16");
  EXPECT_EQ(j["divisions"]["2007"]["province"]["code"], "084");
  EXPECT_EQ(j["divisions"]["2007"]["region"]["code"], "08");
}

TEST_F(Territories, LocateGivesDefinedAnswersOffLand) {
  auto j = json::parse(get("/locate?lon=-75&lat=-33").body);
  EXPECT_EQ(j["basis"], "none");
  EXPECT_TRUE(j["commune"].is_null());
  j = json::parse(get("/locate?lon=-33.4378&lat=-70.6506").body);
  EXPECT_EQ(j["basis"], "outside_chile");
  EXPECT_EQ(j["hint"], "longitude and latitude look swapped");
}

TEST_F(Territories, LocateRejectsBadCoordinates) {
  expect_problem("/locate?lon=abc&lat=-33", 400, "lon must be a decimal number");
  expect_problem("/locate?lon=-70", 400, "missing query parameter lat");
  expect_problem("/locate?lon=-70&lat=-91", 400, "lat must be between");
  expect_problem("/locate?lon=nan&lat=-33", 400, "lon must be a decimal number");
  expect_problem("/locate?lon=-70&lat=-33&lat=-34", 400, "lat");
  expect_problem("/locate?lon=1e400&lat=-33", 400, "lon");
}

// RFC 9112: HTTP/1.1 connections persist unless a side says close.
TEST_F(Territories, SecondRequestReusesTheConnection) {
  HttpClient client;
  auto first = client.get(server_->url("/healthz"));
  EXPECT_EQ(first.connects_made, 1);
  auto second = client.get(server_->url("/territories/13101"));
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.connects_made, 0) << "the second request opened a new connection";
  EXPECT_EQ(second.headers.count("connection"), 0u) << "no Connection: close";
}

}  // namespace
