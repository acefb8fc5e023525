// A 2xx write is visible in every view by the time its answer arrives:
// items, vector and raster tiles, coverage, statistics, territories, with
// new entity tags, and no 304 for a copy from before it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/layers/edit/write_fixture.h"

namespace {

using nlohmann::json;
using test_support::bearer;
using test_support::HttpResult;

// A point in Iquique (01101), a commune no initiative reaches in the
// fixture (a gap), and the tiles over it.
constexpr const char* kPointFeature = R"({"type":"Feature","geometry":{"type":"Point","coordinates":[-70.14,-20.23]},
  "properties":{"id":"w-view","name":"Huerto comunitario de Iquique","area":"Social","stage":"inscrita"}})";
constexpr const char* kVectorTile = "/tiles/initiatives/10/312/570.mvt";
constexpr const char* kRasterTile = "/tiles/communes/10/312/570.png";
constexpr const char* kCoverage = "/coverage?level=commune&division=2018";
constexpr const char* kStats = "/stats/initiatives?by=region";
constexpr const char* kTerritory = "/territories/01101/initiatives";

struct Seen {
  HttpResult items, vector_tile, raster_tile, coverage, stats, territory;
};

json unit(const json& coverage, const std::string& code) {
  for (const auto& u : coverage["units"])
    if (u["code"] == code) return u;
  return nullptr;
}

long region_count(const json& stats, const std::string& code) {
  for (const auto& v : stats["rows"]["values"])
    if (v["value"] == code) return v["count"].get<long>();
  return -1;
}

TEST(WriteViews, EveryViewShowsTheWriteWhenItsAnswerArrives) {
  test_support::TempDir dir("territorio-write-views");
  test_support::WriteServer server(dir.path(""));
  test_support::HttpClient client;
  auto see = [&] {
    return Seen{client.get(server.url("/collections/initiatives/items?limit=1000")), client.get(server.url(kVectorTile)),
                client.get(server.url(kRasterTile)), client.get(server.url(kCoverage)), client.get(server.url(kStats)),
                client.get(server.url(kTerritory))};
  };
  const Seen before = see();
  ASSERT_EQ(before.items.status, 200);
  ASSERT_EQ(before.vector_tile.status, 200);
  ASSERT_EQ(before.raster_tile.status, 200);
  ASSERT_EQ(before.territory.status, 200) << before.territory.body;
  EXPECT_EQ(before.vector_tile.body.find("w-view"), std::string::npos);

  const HttpResult created = client.request("POST", server.url("/collections/initiatives/items"), kPointFeature,
                                            bearer(server.admin, {{"Content-Type", "application/geo+json"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const Seen after = see();

  const json items_before = json::parse(before.items.body), items_after = json::parse(after.items.body);
  EXPECT_EQ(items_after["numberMatched"].get<long>(), items_before["numberMatched"].get<long>() + 1);
  EXPECT_NE(after.items.body.find("\"id\":\"w-view\""), std::string::npos);

  EXPECT_NE(after.vector_tile.body.find("w-view"), std::string::npos) << "the vector tile over the point draws it";
  EXPECT_TRUE(after.raster_tile.body != before.raster_tile.body) << "Iquique is no longer drawn as a gap";

  const json c0 = unit(json::parse(before.coverage.body), "01101"), c1 = unit(json::parse(after.coverage.body), "01101");
  EXPECT_EQ(c0["covered"], false);
  EXPECT_EQ(c1["covered"], true);
  EXPECT_EQ(c1["acting_in"], json::array({"w-view"}));
  EXPECT_EQ(c1["total"].get<long>(), c0["total"].get<long>() + 1);
  EXPECT_EQ(region_count(json::parse(after.stats.body), "01"), region_count(json::parse(before.stats.body), "01") + 1);
  EXPECT_NE(after.territory.body.find("w-view"), std::string::npos);

  for (const auto& [path, old] : std::vector<std::pair<std::string, const HttpResult*>>{
           {kVectorTile, &before.vector_tile}, {kRasterTile, &before.raster_tile}, {kCoverage, &before.coverage},
           {kStats, &before.stats}, {kTerritory, &before.territory}}) {
    const HttpResult again = client.get(server.url(path), {{"If-None-Match", old->headers.at("etag")}});
    EXPECT_EQ(again.status, 200) << path << ": no 304 survives a write";
    EXPECT_NE(again.headers.at("etag"), old->headers.at("etag")) << path;
  }
}

}  // namespace
