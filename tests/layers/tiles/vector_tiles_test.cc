#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "geo/tile_math.h"
#include "layers/tiles/tiles.h"
#include "tests/support/mvt_decode.h"
#include "tests/support/fixture_store.h"

namespace {

using layers::TileLayer;

const layers::TileSet& tileset() {
  static const layers::TileSet ts(test_support::fixture_registry());
  return ts;
}

// Coverage per level, division and filter, computed once (as the service does).
layers::StatsLookup stats(const layers::InitiativeFilter& filter) {
  return [&filter](layers::Level l, layers::Division d) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const std::vector<layers::UnitStats>>> memo;
    const std::string key = std::to_string(static_cast<int>(l)) + std::to_string(static_cast<int>(d)) + filter.key();
    std::lock_guard lock(mutex);
    auto& slot = memo[key];
    if (!slot)
      slot = std::make_shared<const std::vector<layers::UnitStats>>(
          layers::unit_stats(test_support::fixture_registry(), l, d, filter));
    return slot;
  };
}

layers::VectorTile tile(TileLayer layer, int z, std::uint32_t x, std::uint32_t y,
                        const layers::InitiativeFilter& filter = {},
                        layers::Division d = layers::Division::d2018) {
  layers::TileQuery q;
  q.layer = layer;
  q.tile = {z, x, y};
  q.filter = filter;
  q.division = d;
  return layers::build_vector_tile(tileset(), test_support::fixture_registry(), q, stats(q.filter));
}

// Every tile over mainland and insular Chile at zoom z.
std::vector<geo::TileId> chile_tiles(int z) {
  const geo::TileRange r = geo::tiles_covering({-109.5, -56, -66.4, -17.5}, z);
  std::vector<geo::TileId> out;
  for (std::uint32_t y = r.min_y; y <= r.max_y; ++y)
    for (std::uint32_t x = r.min_x; x <= r.max_x; ++x) out.push_back({z, x, y});
  return out;
}

TEST(VectorTiles, CommuneTilesFollowMvtRulesAndStaySmallAtLowZoom) {
  std::size_t largest = 0, tiles = 0, features = 0;
  for (int z = 0; z <= 6; ++z)
    for (const geo::TileId& t : chile_tiles(z)) {
      const layers::VectorTile v = tile(TileLayer::communes, t.z, t.x, t.y);
      EXPECT_FALSE(v.truncated);
      const auto errs = tiles_test::validate_tile(v.bytes, layers::kTileBuffer);
      EXPECT_TRUE(errs.empty()) << t.z << "/" << t.x << "/" << t.y << ": " << errs.front();
      EXPECT_LE(v.bytes.size(), 500u * 1000) << t.z << "/" << t.x << "/" << t.y;
      largest = std::max(largest, v.bytes.size());
      features += v.features;
      ++tiles;
    }
  std::printf("communes z0-6: %zu tiles, %zu features, largest %zu bytes\n", tiles, features, largest);
  EXPECT_GT(features, 346u);
}

TEST(VectorTiles, EveryLayerFollowsMvtRulesAcrossZooms) {
  const std::pair<double, double> places[] = {{-70.65, -33.45}, {-73.1, -41.5}, {-70.4, -23.6}, {-109.35, -27.1}, {-70.9, -53.2}};
  for (TileLayer layer : {TileLayer::regions, TileLayer::provinces, TileLayer::initiatives, TileLayer::territorio})
    for (int z : {0, 3, 5, 8, 10, 12, 14, 16})
      for (const auto& [lon, lat] : places) {
        const geo::TileRange r = geo::tiles_covering({lon, lat, lon, lat}, z);
        const layers::VectorTile v = tile(layer, z, r.min_x, r.min_y);
        const auto errs = tiles_test::validate_tile(v.bytes, layers::kTileBuffer);
        EXPECT_TRUE(errs.empty()) << layers::tile_layer_name(layer) << " " << z << ": " << errs.front();
      }
  // Santiago at z10: every layer is there.
  const auto j = tiles_test::tile_to_json(tile(TileLayer::territorio, 10, 311, 613).bytes);
  for (const char* name : {"regions", "provinces", "communes", "initiative_footprints", "initiatives"})
    EXPECT_TRUE(j.contains(name)) << name;
}

TEST(VectorTiles, CommuneFeaturesCarryCodesAndCoverage) {
  // Santiago centro (13101) at z12.
  const auto j = tiles_test::tile_to_json(tile(TileLayer::communes, 12, 1244, 2452).bytes);
  bool found = false;
  for (const auto& f : j["communes"]["features"])
    if (f["properties"]["code"] == "13101") {
      found = true;
      EXPECT_EQ(f["id"], 13101);
      EXPECT_EQ(f["properties"]["name"], "Santiago");
      EXPECT_EQ(f["properties"]["province_code"], "131");
      EXPECT_EQ(f["properties"]["region_code"], "13");
      EXPECT_GT(f["properties"]["population"].get<std::int64_t>(), 0);
      // The three Metropolitana region-wide initiatives reach every commune of the region.
      EXPECT_EQ(f["properties"]["initiatives"], 3);
      EXPECT_EQ(f["properties"]["covered"], true);
    }
  EXPECT_TRUE(found);
}

TEST(VectorTiles, FiltersAndDivisionChangeTheTile) {
  layers::InitiativeFilter none;
  none.year_min = 1900;
  none.year_max = 1901;
  const auto j = tiles_test::tile_to_json(tile(TileLayer::communes, 12, 1244, 2452, none).bytes);
  for (const auto& f : j["communes"]["features"]) EXPECT_EQ(f["properties"]["initiatives"], 0);
  const auto pts = tiles_test::tile_to_json(tile(TileLayer::initiatives, 3, 2, 4, none).bytes);
  EXPECT_FALSE(pts.contains("initiatives"));
  // Chillán (16101) is in region 16 in 2018 and in region 08 in 2007.
  auto region_of_chillan = [](layers::Division d) {
    double x, y;
    geo::lonlat_to_mercator(-72.1, -36.6, x, y);
    const geo::TileRange r = geo::tiles_covering({-72.1, -36.6, -72.1, -36.6}, 10);
    const auto t = tiles_test::tile_to_json(tile(TileLayer::communes, 10, r.min_x, r.min_y, {}, d).bytes);
    for (const auto& f : t["communes"]["features"])
      if (f["properties"]["code"] == "16101") return f["properties"]["region_code"].get<std::string>();
    return std::string();
  };
  EXPECT_EQ(region_of_chillan(layers::Division::d2018), "16");
  EXPECT_EQ(region_of_chillan(layers::Division::d2007), "08");
}

TEST(VectorTiles, PropertiesSelectFields) {
  layers::TileQuery q;
  q.layer = TileLayer::communes;
  q.tile = {12, 1244, 2452};
  q.properties = std::vector<std::string>{"code"};
  const auto v = layers::build_vector_tile(tileset(), test_support::fixture_registry(), q, stats(q.filter));
  const auto j = tiles_test::tile_to_json(v.bytes);
  for (const auto& f : j["communes"]["features"]) EXPECT_EQ(f["properties"].size(), 1u);
}

TEST(VectorTiles, GuardsTruncateRunawayTiles) {
  layers::TileQuery q;
  q.layer = TileLayer::communes;
  q.tile = {4, 4, 9};
  layers::TileLimits limits;
  limits.max_features = 5;
  const auto v = layers::build_vector_tile(tileset(), test_support::fixture_registry(), q, stats(q.filter), limits);
  EXPECT_TRUE(v.truncated);
  EXPECT_EQ(v.features, 5u);
  EXPECT_EQ(tiles_test::tile_to_json(v.bytes)["communes"]["features"].size(), 5u);
}

TEST(VectorTiles, OneThreadAndSeveralGiveIdenticalBytes) {
  std::vector<geo::TileId> ids = chile_tiles(4);
  for (const auto& t : chile_tiles(7)) ids.push_back(t);
  std::vector<std::string> serial;
  for (const auto& t : ids) serial.push_back(tile(TileLayer::territorio, t.z, t.x, t.y).bytes);
  std::vector<std::string> parallel(ids.size());
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&, k] {
      for (std::size_t i = static_cast<std::size_t>(k); i < ids.size(); i += 4)
        parallel[i] = tile(TileLayer::territorio, ids[i].z, ids[i].x, ids[i].y).bytes;
    });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(serial[i], parallel[i]) << i;
}

// Golden files: a few tiles decoded to canonical JSON. Regenerate only with
// tests/layers/tiles/regenerate_golden.sh (sets TERRITORIO_REGENERATE_GOLDEN).
TEST(VectorTiles, GoldenTiles) {
  const std::string dir = std::string(TERRITORIO_DATA_DIR) + "/../tests/layers/tiles/golden/";
  const bool regenerate = std::getenv("TERRITORIO_REGENERATE_GOLDEN") != nullptr;
  struct Case {
    const char* file;
    TileLayer layer;
    int z;
    std::uint32_t x, y;
  };
  for (const Case& c : {Case{"regions_8_50_148.json", TileLayer::regions, 8, 50, 148},
                        Case{"communes_9_143_306.json", TileLayer::communes, 9, 143, 306},
                        Case{"initiatives_12_1244_2452.json", TileLayer::initiatives, 12, 1244, 2452},
                        Case{"communes_14_4976_9809.json", TileLayer::communes, 14, 4976, 9809}}) {
    const std::string text = tiles_test::tile_to_json(tile(c.layer, c.z, c.x, c.y).bytes).dump(1) + "\n";
    if (regenerate) {
      std::ofstream(dir + c.file) << text;
      continue;
    }
    std::ifstream in(dir + c.file);
    ASSERT_TRUE(in) << "missing golden file " << c.file;
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_TRUE(ss.str() == text) << c.file << " differs from the tile; run tests/layers/tiles/regenerate_golden.sh if intended";
  }
}

}  // namespace
