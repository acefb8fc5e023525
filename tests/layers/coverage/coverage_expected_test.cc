// /coverage against the independent model of tests/layers/coverage/seed_model.h:
// per unit, for every level and division, with and without filters.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include <nlohmann/json.hpp>

#include "tests/layers/coverage/seed_model.h"
#include "tests/support/served_store_test.h"

namespace {

using nlohmann::json;
using seed_model::Initiative;

struct Case {
  std::string query;  // extra query parameters
  std::function<bool(const Initiative&)> keep;
  std::string within;
};

class CoverageExpected : public test_support::ServedStoreTest {
 protected:
  static void SetUpTestSuite() {
    ServedStoreTest::SetUpTestSuite();
    model_ = new seed_model::Model();
  }
  static void TearDownTestSuite() {
    ServedStoreTest::TearDownTestSuite();
    delete model_;
  }

  // Compares one /coverage answer with the model, unit by unit.
  void check(seed_model::Level level, bool d2007, const Case& c) {
    static const char* const names[] = {"region", "province", "commune"};
    const std::string path = std::string("/coverage?level=") + names[level] + "&division=" + (d2007 ? "2007" : "2018") +
                             (c.within.empty() ? "" : "&within=" + c.within) + c.query;
    SCOPED_TRACE(path);
    const auto r = client_.get(server_->url(path));
    ASSERT_EQ(r.status, 200) << r.body;
    const json j = json::parse(r.body);
    const auto expected = model_->coverage(level, d2007, c.keep, c.within);
    ASSERT_EQ(j["units"].size(), expected.size());
    std::size_t covered = 0, passing = 0;
    long long population = 0, population_covered = 0;
    std::vector<std::string> gaps;
    for (const auto& i : model_->initiatives()) passing += c.keep(i) ? 1 : 0;
    for (const auto& u : j["units"]) {
      const std::string code = u["code"];
      ASSERT_TRUE(expected.count(code)) << code;
      const auto& e = expected.at(code);
      EXPECT_EQ(u["level"], names[level]);
      EXPECT_EQ(u["population"].get<long long>(), e.population) << code;
      EXPECT_EQ(u["acting_in"].get<std::set<std::string>>(), e.in) << code;
      EXPECT_EQ(u["acting_on_enclosing"].get<std::set<std::string>>(), e.enclosing) << code;
      const std::size_t total = e.in.size() + e.enclosing.size();
      EXPECT_EQ(u["total"], total) << code;
      EXPECT_EQ(u["covered"], total > 0) << code;
      const double per = e.population > 0 ? std::round(total * 1e5 / e.population * 100) / 100 : 0;
      EXPECT_DOUBLE_EQ(u["per_100k"].get<double>(), per) << code;
      population += e.population;
      if (total > 0) {
        ++covered;
        population_covered += e.population;
      } else {
        gaps.push_back(code);
      }
    }
    const json& s = j["summary"];
    EXPECT_EQ(s["units"], expected.size());
    EXPECT_EQ(s["units_covered"], covered);
    EXPECT_EQ(s["population"].get<long long>(), population);
    EXPECT_EQ(s["population_covered"].get<long long>(), population_covered);
    EXPECT_DOUBLE_EQ(s["population_covered_share_of_chile"].get<double>(),
                     std::round(static_cast<double>(population_covered) / model_->chile_population() * 1e4) / 1e4);
    EXPECT_EQ(s["initiatives"], passing);
    std::vector<std::string> got_gaps;
    for (const auto& g : s["gaps"]) got_gaps.push_back(g["code"]);
    EXPECT_EQ(got_gaps, gaps);
  }

  void check_all_levels(const Case& c) {
    for (bool d2007 : {false, true})
      for (auto l : {seed_model::region, seed_model::province, seed_model::commune}) check(l, d2007, c);
  }

  static seed_model::Model* model_;
};
seed_model::Model* CoverageExpected::model_ = nullptr;

TEST_F(CoverageExpected, NoFilter) {
  check_all_levels({"", [](const Initiative&) { return true; }, ""});
}

TEST_F(CoverageExpected, AwardMencionHonrosaAccentless) {
  check_all_levels({"&award=mencion%20honrosa", [](const Initiative& i) { return i.award == "Mención Honrosa"; }, ""});
}

TEST_F(CoverageExpected, AnyOfTwoAwards) {
  check_all_levels({"&award=2do%20Lugar,Menci%C3%B3n%20Honrosa",
                    [](const Initiative& i) { return !i.award.empty(); }, ""});
}

TEST_F(CoverageExpected, FieldVisitAndStageAndArea) {
  check_all_levels({"&field_visit=true&stage=finalizada&area=Pol%C3%ADtico-Institucional",
                    [](const Initiative& i) { return i.field_visit && i.stage == "finalizada"; }, ""});
  check_all_levels({"&field_visit=false", [](const Initiative& i) { return !i.field_visit; }, ""});
}

TEST_F(CoverageExpected, FilterNobodyPasses) {
  check_all_levels({"&area=Social", [](const Initiative&) { return false; }, ""});
}

TEST_F(CoverageExpected, WithinARegionAndAProvince) {
  const auto all = [](const Initiative&) { return true; };
  // Region 08 is Biobío with Ñuble in 2007, without it in 2018.
  for (bool d2007 : {false, true}) {
    check(seed_model::province, d2007, {"", all, "08"});
    check(seed_model::commune, d2007, {"", all, "08"});
    check(seed_model::region, d2007, {"", all, "08"});
    check(seed_model::commune, d2007, {"&field_visit=true", [](const Initiative& i) { return i.field_visit; }, "05"});
  }
  check(seed_model::commune, true, {"", all, "084"});
  check(seed_model::commune, false, {"", all, "162"});
  check(seed_model::province, false, {"", all, "13"});
}

}  // namespace
