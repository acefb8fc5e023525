// What the neighbours did and which gaps matter, against computations that
// share no code with the server: adjacency and centroids by SpatiaLite SQL
// (ogr2ogr) over the bundled boundary file, distances between centroids by
// Vincenty's formulae written here, coverage and population from the
// bundled CSV files (seed_model.h); the independent model in boundary_model.h.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/layers/coverage/seed_model.h"
#include "tests/layers/neighbours/boundary_model.h"
#include "tests/support/served_store_test.h"

namespace {

using boundary_model::adjacency_from_boundary_file;
using boundary_model::centroid_km_from;
using boundary_model::covered_communes;
using nlohmann::json;

class Nearby : public test_support::ServedStoreTest {
 protected:
  std::set<std::string> neighbour_codes(const json& answer, const std::string& reach) {
    std::set<std::string> out;
    for (const auto& n : answer["neighbours"])
      if (n["reach"] == reach) out.insert(n["code"].get<std::string>());
    return out;
  }
};

TEST_F(Nearby, AdjacentCommunesAreThoseOfTheBoundaryFile) {
  const auto expected = adjacency_from_boundary_file();
  // Iquique: Alto Hospicio, Pozo Almonte and Huara, and Tocopilla across the
  // Loa (the two regions' boundaries overlap slightly there).
  EXPECT_EQ(expected.at("01101"), (std::set<std::string>{"01107", "01401", "01404", "02301"}));
  int with_neighbours = 0;
  const json communes = get_json("/coverage?level=commune");
  ASSERT_EQ(communes["units"].size(), 346u);
  for (const auto& u : communes["units"]) {
    const std::string code = u["code"];
    const json j = get_json("/territories/" + code + "/nearby-initiatives?limit=1");
    const auto it = expected.find(code);
    if (it == expected.end()) {
      // No land neighbour: it reaches the nearest units instead.
      EXPECT_TRUE(neighbour_codes(j, "adjacent").empty()) << code;
      EXPECT_EQ(neighbour_codes(j, "nearest").size(), 3u) << code;
      continue;
    }
    ++with_neighbours;
    EXPECT_EQ(neighbour_codes(j, "adjacent"), it->second) << code;
    EXPECT_TRUE(neighbour_codes(j, "nearest").empty()) << code;
  }
  EXPECT_EQ(with_neighbours, static_cast<int>(expected.size()));
}

TEST_F(Nearby, IslandsReachTheNearestCommunesByCentroid) {
  for (const std::string island : {"05201", "05104", "10206"}) {
    auto km = centroid_km_from(island);
    km.erase(island);
    std::vector<std::pair<double, std::string>> by_distance;
    for (const auto& [code, d] : km) by_distance.emplace_back(d, code);
    std::sort(by_distance.begin(), by_distance.end());
    const json j = get_json("/territories/" + island + "/nearby-initiatives");
    ASSERT_EQ(j["neighbours"].size(), 3u) << island;
    for (std::size_t k = 0; k < 3; ++k) {
      EXPECT_EQ(j["neighbours"][k]["code"], by_distance[k].second) << island;
      EXPECT_EQ(j["neighbours"][k]["reach"], "nearest");
      EXPECT_NEAR(j["neighbours"][k]["distance_km"].get<double>(), by_distance[k].first, 0.1) << island;
    }
  }
}

// Iquique has no initiative, nor has any unit of its region: its list starts
// with the initiatives of the covered commune nearest to it.
TEST_F(Nearby, IquiqueListsTheNearestInitiativesFirst) {
  const seed_model::Model model;
  const auto covered = covered_communes(model);
  ASSERT_EQ(covered.count("01101"), 0u);
  const auto km = centroid_km_from("01101");
  std::vector<std::pair<double, std::string>> nearest;
  for (const std::string& c : covered) nearest.emplace_back(km.at(c), c);
  std::sort(nearest.begin(), nearest.end());

  const json j = get_json("/territories/01101/nearby-initiatives?limit=100");
  EXPECT_EQ(j["unit"]["name"], "Iquique");
  ASSERT_FALSE(j["initiatives"].empty());
  EXPECT_EQ(j["total"], 29);  // every seed initiative: none acts in Iquique
  EXPECT_EQ(j["returned"], 29);
  const json& first = j["initiatives"][0];
  EXPECT_EQ(first["unit"]["code"], nearest[0].second);
  EXPECT_NEAR(first["distance_km"].get<double>(), nearest[0].first, 0.1);
  EXPECT_EQ(first["relation"], "distance");  // nothing in region 01
  EXPECT_TRUE(first.contains("thematic_field"));
  EXPECT_TRUE(first.contains("award"));
  // Each initiative once; distances never decrease within a relation.
  std::set<std::string> ids;
  double last = 0;
  for (const auto& i : j["initiatives"]) {
    EXPECT_TRUE(ids.insert(i["id"].get<std::string>()).second);
    EXPECT_GE(i["distance_km"].get<double>(), last);
    last = i["distance_km"].get<double>();
    EXPECT_EQ(covered.count(i["unit"]["code"].get<std::string>()), 1u);
  }
  EXPECT_EQ(get_json("/territories/01101/nearby-initiatives?limit=2")["initiatives"].size(), 2u);
}

TEST_F(Nearby, TiersComeInOrderAndSkipTheUnitsOwnInitiatives) {
  // Cauquenes (07201) acts through initiative 374 (its province): the list
  // of the commune skips it, and lists adjacent, province, region, then the rest.
  const json own = get_json("/territories/07201/initiatives");
  std::set<std::string> own_ids;
  for (const auto& i : own["initiatives"]) own_ids.insert(i["id"].get<std::string>());
  const json j = get_json("/territories/07201/nearby-initiatives?limit=100");
  const std::vector<std::string> order = {"adjacent", "nearest", "same_province", "same_region", "distance"};
  std::size_t tier = 0;
  const auto adjacent = neighbour_codes(j, "adjacent");
  for (const auto& i : j["initiatives"]) {
    EXPECT_EQ(own_ids.count(i["id"].get<std::string>()), 0u) << i["id"];
    const auto t = std::find(order.begin(), order.end(), i["relation"].get<std::string>()) - order.begin();
    EXPECT_GE(static_cast<std::size_t>(t), tier);
    tier = static_cast<std::size_t>(t);
    if (i["relation"] == "adjacent") {
      EXPECT_EQ(adjacent.count(i["unit"]["code"].get<std::string>()), 1u);
    }
  }
  EXPECT_EQ(j["total"].get<int>() + static_cast<int>(own_ids.size()), 29);
}

TEST_F(Nearby, FiltersAndLevelsApply) {
  const json j = get_json("/territories/01101/nearby-initiatives?award=Menci%C3%B3n%20Honrosa&limit=100");
  ASSERT_FALSE(j["initiatives"].empty());
  for (const auto& i : j["initiatives"]) EXPECT_EQ(i["award"], "Mención Honrosa");
  // Regions: Tarapacá touches Arica y Parinacota and Antofagasta.
  const json r = get_json("/territories/01/nearby-initiatives");
  std::set<std::string> codes;
  for (const auto& n : r["neighbours"]) codes.insert(n["code"].get<std::string>());
  EXPECT_EQ(codes, (std::set<std::string>{"02", "15"}));
  EXPECT_EQ(r["initiatives"][0]["unit"]["code"], "15");  // initiative 168, region-wide
  EXPECT_EQ(r["initiatives"][0]["relation"], "adjacent");
  // 2007: Ñuble's communes are Biobío's; the neighbours of Biobío include Maule and Araucanía.
  const json b = get_json("/territories/08/nearby-initiatives?division=2007");
  codes.clear();
  for (const auto& n : b["neighbours"]) codes.insert(n["code"].get<std::string>());
  EXPECT_EQ(codes, (std::set<std::string>{"07", "09"}));
}

TEST_F(Nearby, BadRequestsAreProblems) {
  EXPECT_EQ(problem("/territories/99999/nearby-initiatives", 404)["status"], 404);
  EXPECT_EQ(problem("/territories/16101/nearby-initiatives?division=2007x", 400)["status"], 400);
  EXPECT_EQ(problem("/territories/1610/nearby-initiatives", 400)["status"], 400);
  for (const std::string q : {"limit=0", "limit=101", "limit=abc", "limit=2.5", "radius=3", "award=Nada"})
    EXPECT_EQ(problem("/territories/01101/nearby-initiatives?" + q, 400)["status"], 400) << q;
}

// "The communes of my region with no initiative, largest first" is one request.
TEST_F(Nearby, GapRankingOfRegion06IsThePopulationOrder) {
  const seed_model::Model model;
  const auto covered = covered_communes(model);
  std::vector<std::pair<long long, std::string>> expected;
  for (const auto& [code, c] : model.communes())
    if (c.r18 == "06" && !covered.count(code)) expected.emplace_back(-c.population, code);
  std::sort(expected.begin(), expected.end());
  ASSERT_FALSE(expected.empty());

  const json j = get_json("/coverage?level=commune&within=06&covered=false&sort=-population");
  ASSERT_EQ(j["units"].size(), expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    EXPECT_EQ(j["units"][k]["code"], expected[k].second) << k;
    EXPECT_EQ(j["units"][k]["population"], -expected[k].first) << k;
    EXPECT_EQ(j["units"][k]["covered"], false);
  }
  // The distance to the nearest initiative of the largest gap, from the boundary file.
  const auto km = centroid_km_from(expected[0].second);
  double nearest = 1e9;
  for (const std::string& c : covered) nearest = std::min(nearest, km.at(c));
  EXPECT_NEAR(j["units"][0]["nearest_initiative_km"].get<double>(), nearest, 0.1);
  // Ascending by that distance, and the covered ones at 0.
  const json by_km = get_json("/coverage?level=commune&within=06&sort=nearest_initiative_km");
  double last = 0;
  for (const auto& u : by_km["units"]) {
    EXPECT_GE(u["nearest_initiative_km"].get<double>(), last);
    last = u["nearest_initiative_km"].get<double>();
    if (u["covered"] == true) {
      EXPECT_EQ(u["nearest_initiative_km"], 0.0);
    }
  }
  for (const std::string q : {"sort=size", "sort=--population", "covered=yes"})
    EXPECT_EQ(problem("/coverage?level=commune&" + q, 400)["status"], 400) << q;
}

}  // namespace
