// /coverage?compare= between the bundled edition ("Primer Concurso") and a
// fixture second edition imported into a copy of the fixture store: every
// unit's counts, change and per 100,000 against the independent model of
// tests/layers/coverage/seed_model.h fed with both CSV files; CSV bytes of
// a few rows; bad compare values are 400 with a problem body.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "layers/store/store_builder.h"
#include "tests/layers/coverage/seed_model.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace {

using nlohmann::json;
using seed_model::Initiative;

const std::string kFixture = std::string(TERRITORIO_DATA_DIR) + "/../tests/layers/coverage/fixtures/second_contest.csv";
const char* const kCompare = "&compare=contest:Primer%20Concurso,Segundo%20Concurso";

class CompareEditions : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // A copy of the fixture store for the suite (TempDir is per test).
    dir_ = std::filesystem::temp_directory_path() / ("territorio-compare-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const std::string store = (dir_ / "store.sqlite").string();
    std::filesystem::copy_file(TERRITORIO_TEST_STORE, store);
    layers::import_into_store(store, kFixture);
    server_ = new test_support::ServerProcess(store);
    model_ = new seed_model::Model();
    model_->add_initiatives(kFixture, "");
  }
  static void TearDownTestSuite() {
    delete server_;
    delete model_;
    std::filesystem::remove_all(dir_);
  }

  test_support::HttpResult get(const std::string& path) { return client_.get(server_->url(path)); }

  // One comparison against the model, unit by unit.
  void check(seed_model::Level level, bool d2007) {
    static const char* const names[] = {"region", "province", "commune"};
    const std::string path = std::string("/coverage?level=") + names[level] + "&division=" + (d2007 ? "2007" : "2018") + kCompare;
    SCOPED_TRACE(path);
    const auto r = get(path);
    ASSERT_EQ(r.status, 200) << r.body;
    const json j = json::parse(r.body);
    const auto first = model_->coverage(level, d2007, [](const Initiative& i) { return i.contest == "Primer Concurso"; });
    const auto second = model_->coverage(level, d2007, [](const Initiative& i) { return i.contest == "Segundo Concurso"; });
    ASSERT_EQ(j["units"].size(), first.size());
    std::size_t newly = 0, no_longer = 0;
    for (const auto& u : j["units"]) {
      const std::string code = u["code"];
      ASSERT_TRUE(first.count(code)) << code;
      const auto& a = first.at(code);
      const auto& b = second.at(code);
      const long long ca = a.in.size() + a.enclosing.size(), cb = b.in.size() + b.enclosing.size();
      EXPECT_EQ(u["count_a"].get<long long>(), ca) << code;
      EXPECT_EQ(u["count_b"].get<long long>(), cb) << code;
      EXPECT_EQ(u["count_change"].get<long long>(), cb - ca) << code;
      const double pa = a.population > 0 ? ca * 1e5 / a.population : 0, pb = b.population > 0 ? cb * 1e5 / b.population : 0;
      EXPECT_DOUBLE_EQ(u["per_100k_a"].get<double>(), std::round(pa * 100) / 100) << code;
      EXPECT_DOUBLE_EQ(u["per_100k_b"].get<double>(), std::round(pb * 100) / 100) << code;
      EXPECT_DOUBLE_EQ(u["per_100k_change"].get<double>(), std::round((pb - pa) * 100) / 100 + 0.0) << code;
      const std::string change = ca == 0 ? (cb == 0 ? "covered_in_neither" : "newly_covered")
                                         : (cb == 0 ? "no_longer_covered" : "covered_in_both");
      EXPECT_EQ(u["change"], change) << code;
      newly += change == "newly_covered";
      no_longer += change == "no_longer_covered";
    }
    EXPECT_EQ(j["summary"]["newly_covered"], newly);
    EXPECT_EQ(j["summary"]["no_longer_covered"], no_longer);
    EXPECT_EQ(j["summary"]["initiatives_a"], 29);
    EXPECT_EQ(j["summary"]["initiatives_b"], 6);
    EXPECT_EQ(j["compare"], json({{"attribute", "contest"}, {"a", "Primer Concurso"}, {"b", "Segundo Concurso"}}));
  }

  static seed_model::Model* model_;
  inline static std::filesystem::path dir_;
  static test_support::ServerProcess* server_;
  test_support::HttpClient client_;
};
seed_model::Model* CompareEditions::model_ = nullptr;
test_support::ServerProcess* CompareEditions::server_ = nullptr;

TEST_F(CompareEditions, EveryUnitOfEveryLevelAndDivisionMatchesTheModel) {
  for (bool d2007 : {false, true})
    for (auto l : {seed_model::region, seed_model::province, seed_model::commune}) check(l, d2007);
}

TEST_F(CompareEditions, KnownCommunesChangeAsTheFixtureSays) {
  const json j = json::parse(get(std::string("/coverage?level=commune") + kCompare).body);
  std::map<std::string, json> by_code;
  for (const auto& u : j["units"]) by_code[u["code"]] = u;
  // Iquique: nothing in the first contest, one in the second.
  EXPECT_EQ(by_code["01101"]["change"], "newly_covered");
  EXPECT_EQ(by_code["01101"]["count_a"], 0);
  EXPECT_EQ(by_code["01101"]["count_b"], 1);
  // Chillán: two of the second contest (one named with its 2007 code).
  EXPECT_EQ(by_code["16101"]["count_b"], 2);
  // El Bosque: its own and three region-wide ones (57, 75, 240), then one.
  EXPECT_EQ(by_code["13105"]["count_a"], 4);
  EXPECT_EQ(by_code["13105"]["count_b"], 1);
  EXPECT_EQ(by_code["13105"]["count_change"], -3);
  EXPECT_EQ(by_code["13105"]["change"], "covered_in_both");
  // Santiago: only the region-wide ones of the first contest.
  EXPECT_EQ(by_code["13101"]["change"], "no_longer_covered");
}

TEST_F(CompareEditions, WithinAndOtherFiltersApplyToBothEditions) {
  const json j = json::parse(get(std::string("/coverage?level=commune&within=161&field_visit=false") + kCompare).body);
  ASSERT_EQ(j["within"]["code"], "161");
  for (const auto& u : j["units"]) {
    const std::string code = u["code"];
    EXPECT_EQ(code.substr(0, 3), "161");
    // Of the second contest only s2-5 and s2-6 (no field visit) reach Diguillín.
    EXPECT_EQ(u["count_b"], code == "16101" ? 2 : code == "16102" ? 1 : 0) << code;
  }
}

TEST_F(CompareEditions, YearPeriods) {
  const json j = json::parse(get("/coverage?level=region&compare=year:2000/2009,2010").body);
  EXPECT_EQ(j["summary"]["initiatives_a"], 0);
  EXPECT_EQ(j["summary"]["initiatives_b"], 6);
  EXPECT_EQ(j["summary"]["newly_covered"], 5);  // regions 01, 02, 10, 13, 16
  EXPECT_EQ(j["compare"], json({{"attribute", "year"}, {"a", "2000/2009"}, {"b", "2010"}}));
}

TEST_F(CompareEditions, CsvRowsAreTheJsonRows) {
  const auto r = get(std::string("/coverage?level=commune&f=csv") + kCompare);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-disposition"), "attachment; filename=\"coverage_compare_commune_2018.csv\"");
  EXPECT_EQ(r.body.substr(0, r.body.find("\r\n")),
            "code,name,level,parent_code,population,count_a,count_b,count_change,per_100k_a,per_100k_b,"
            "per_100k_change,change");
  const auto row = [&](const std::string& code) {
    const auto at = r.body.find("\r\n" + code + ",");
    return r.body.substr(at + 2, r.body.find("\r\n", at + 2) - at - 2);
  };
  const json j = json::parse(get(std::string("/coverage?level=commune") + kCompare).body);
  for (const auto& u : j["units"]) {
    if (u["code"] != "01101" && u["code"] != "13105") continue;
    char line[256];
    std::snprintf(line, sizeof line, "%s,%s,commune,%s,%lld,%lld,%lld,%lld,%.2f,%.2f,%.2f,%s",
                  u["code"].get<std::string>().c_str(), u["name"].get<std::string>().c_str(),
                  u["parent_code"].get<std::string>().c_str(), u["population"].get<long long>(),
                  u["count_a"].get<long long>(), u["count_b"].get<long long>(), u["count_change"].get<long long>(),
                  u["per_100k_a"].get<double>(), u["per_100k_b"].get<double>(), u["per_100k_change"].get<double>(),
                  u["change"].get<std::string>().c_str());
    EXPECT_EQ(row(u["code"]), line);
  }
}

TEST_F(CompareEditions, BadComparisonsAre400WithAProblem) {
  for (const std::string& q : std::vector<std::string>{"compare=contest:Primer%20Concurso", "compare=contest:Primer%20Concurso,Tercer%20Concurso",
                              "compare=contest:Primer%20Concurso,primer%20concurso", "compare=region:01,02",
                              "compare=year:2010,2010", "compare=year:2011/2010,2012", "compare=year:20x0,2011",
                              "compare=contest:,Segundo%20Concurso", "compare=nothing", "compare=contest:a,b,c",
                              "compare=contest:Primer%20Concurso,Segundo%20Concurso&contest=Primer%20Concurso",
                              "compare=year:2009,2010&year=2010", "compare=" + std::string(600, 'x'),
                              "compare=year:2009,2010&sort=-total", "compare=year:2009,2010&covered=true"}) {
    const auto r = get("/coverage?level=region&" + q);
    EXPECT_EQ(r.status, 400) << q << " " << r.body;
    EXPECT_EQ(r.headers.at("content-type"), "application/problem+json") << q;
    const json p = json::parse(r.body);
    EXPECT_TRUE(p["parameter"] == "compare" || p["parameter"] == "sort" || p["parameter"] == "covered") << q << " " << r.body;
  }
}

}  // namespace
