// Dense tiles below the highest zoom draw clusters that count their records
// (layers/tiles/tile_clusters.h): the counts add up to exactly the records
// in the tile, every record is its own feature at the highest zoom, and a
// small registry's tiles stay as they were (no cluster).
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "geo/raster/raster_canvas.h"
#include "geo/tile_math.h"
#include "layers/join/join.h"
#include "layers/store/store.h"
#include "layers/tiles/initiative_raster.h"
#include "layers/tiles/tile_clusters.h"
#include "layers/tiles/tiles.h"
#include "tests/support/fixture_store.h"
#include "tests/support/mvt_decode.h"

namespace {

using layers::TileLayer;

// Both layers of a zoom 8 tile over them hold more than kClusterAbove records.
constexpr std::size_t kPoints = 3000, kPolygons = 600, kCodes = 600;
// Code footprints cycled over: a commune, a province, a region.
const std::vector<std::vector<std::string>> kCodeSets = {{"13101"}, {"131"}, {"13"}};
const char* const kAreas[] = {"Social", "Económico", "Ordenamiento y Ambiental"};

std::unique_ptr<layers::Catalog> load_catalog() {
  return std::make_unique<layers::Catalog>(layers::Store::open(TERRITORIO_TEST_STORE)->load_units());
}

// Points on a grid over Santiago (60 a row, ~350 m apart), small squares
// (~100 m) among them and code footprints, ids 100000 on, areas in turn.
const layers::Registry& dense_registry() {
  static const std::unique_ptr<layers::Registry> registry = [] {
    const layers::Registry base(load_catalog(), {}, 1);
    const layers::Joiner joiner(base.catalog(), base.gazetteer());
    std::vector<layers::StoredInitiative> records;
    for (std::size_t i = 0; i < kPoints + kPolygons + kCodes; ++i) {
      layers::StoredInitiative s;
      s.initiative.id = std::to_string(100000 + i);
      s.initiative.name = "Record " + std::to_string(i);
      s.initiative.area = kAreas[i % 3];
      layers::Footprint& f = s.initiative.footprint;
      const double lon = -70.75 + static_cast<double>(i % 60) * 0.0035;
      const double lat = -33.55 + static_cast<double>((i / 60) % 50) * 0.004;
      if (i < kPoints) {
        f.kind = layers::FootprintKind::points;
        f.geometry = geo::Geometry::point(lon, lat);
      } else if (i < kPoints + kPolygons) {
        f.kind = layers::FootprintKind::polygons;
        const std::string a = std::to_string(lon + 0.0012) + " " + std::to_string(lat + 0.0012);
        const std::string b = std::to_string(lon + 0.0022) + " " + std::to_string(lat + 0.0012);
        const std::string c = std::to_string(lon + 0.0022) + " " + std::to_string(lat + 0.0022);
        const std::string d = std::to_string(lon + 0.0012) + " " + std::to_string(lat + 0.0022);
        f.geometry = geo::Geometry::from_wkt("MULTIPOLYGON (((" + a + ", " + b + ", " + c + ", " + d + ", " + a + ")))");
      } else {
        f.kind = layers::FootprintKind::codes;
        f.codes = kCodeSets[i % kCodeSets.size()];
      }
      layers::JoinResult j = joiner.join(f, s.initiative.id);
      s.units = std::move(j.units);
      s.footprint_scale = j.scale;
      records.push_back(std::move(s));
    }
    return std::make_unique<layers::Registry>(load_catalog(), std::move(records), 2);
  }();
  return *registry;
}

const layers::TileSet& dense_tileset() {
  static const layers::TileSet ts(dense_registry());
  return ts;
}

layers::VectorTile dense_tile(TileLayer layer, const geo::TileId& t, const layers::InitiativeFilter& filter = {}) {
  layers::TileQuery q;
  q.layer = layer;
  q.tile = t;
  q.filter = filter;
  return layers::build_vector_tile(dense_tileset(), dense_registry(), q, [&](layers::Level l, layers::Division d) {
    return std::make_shared<const std::vector<layers::UnitStats>>(layers::unit_stats(dense_registry(), l, d, filter));
  });
}

// Records a point layer stands for: the count of a cluster, 1 for a record.
std::size_t records_drawn(const nlohmann::json& layer, std::set<std::string>* ids = nullptr) {
  std::size_t n = 0;
  for (const auto& f : layer["features"]) {
    const auto& p = f["properties"];
    if (p.contains("count")) {
      EXPECT_EQ(p.size(), 1u) << "a cluster carries only its count";
      EXPECT_GT(p["count"].get<std::size_t>(), 1u);
      n += p["count"].get<std::size_t>();
    } else {
      ++n;
      if (ids) ids->insert(p["id"].get<std::string>());
    }
  }
  return n;
}

geo::TileId tile_at(double lon, double lat, int z) {
  const geo::TileRange r = geo::tiles_covering({lon, lat, lon, lat}, z);
  return {z, r.min_x, r.min_y};
}

TEST(TileClusters, EveryPointLandsInOneClusterAtTheMeanOfItsCell) {
  const std::vector<layers::TilePoint> points = {
      {0, {-64, -64}}, {1, {63, 63}}, {2, {64, 0}}, {3, {100, 10}}, {4, {4159, 4159}}, {5, {-1, 20}}};
  const auto clusters = layers::cluster_points(points, 128, 64);
  // Cells from -64: [-64, 64) holds 0, 1 and 5; [64, 192) holds 2 and 3; 4 alone.
  ASSERT_EQ(clusters.size(), 3u);
  EXPECT_EQ(clusters[0].records, (std::vector<std::size_t>{0, 1, 5}));
  EXPECT_EQ(clusters[0].at, (geo::mvt::IntPoint{-1, 6}));
  EXPECT_EQ(clusters[1].records, (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(clusters[1].at, (geo::mvt::IntPoint{82, 5}));
  EXPECT_EQ(clusters[2].records, (std::vector<std::size_t>{4}));
  EXPECT_EQ(clusters[2].at, (geo::mvt::IntPoint{4159, 4159}));
}

TEST(TileClusters, LowZoomCountsAddUpToEveryRecordInTheTile) {
  const std::size_t all = kPoints + kPolygons + kCodes;
  // Zoom 8 holds the whole grid (and Santiago's commune, province and region points).
  const geo::TileId t = tile_at(-70.65, -33.45, 8);
  ASSERT_EQ(tile_at(-70.75, -33.55, 8), t);
  ASSERT_EQ(tile_at(-70.54, -33.35, 8), t);
  const auto v = dense_tile(TileLayer::initiatives, t);
  ASSERT_FALSE(v.truncated);
  const auto j = tiles_test::tile_to_json(v.bytes);
  const auto& points = j[std::string(layers::kInitiativePointsLayer)];
  EXPECT_EQ(records_drawn(points), all);
  EXPECT_LT(points["features"].size(), 32u * 32u);
  // Footprints: each code shape once with the count of its records; the
  // squares (smaller than a cell at zoom 8) only in the points layer.
  std::map<std::size_t, std::size_t> counts;
  for (const auto& f : j[std::string(layers::kFootprintsLayer)]["features"]) {
    ASSERT_TRUE(f["properties"].contains("count")) << f["properties"].dump();
    ++counts[f["properties"]["count"].get<std::size_t>()];
  }
  // 600 code records over 3 shapes (each wider than a cell), 200 each.
  EXPECT_EQ(counts, (std::map<std::size_t, std::size_t>{{200, 3}}));

  // Under a filter the counts are those of the matching records.
  layers::InitiativeFilter social;
  social.area = {"Social"};
  const auto fj = tiles_test::tile_to_json(dense_tile(TileLayer::initiatives, t, social).bytes);
  EXPECT_EQ(records_drawn(fj[std::string(layers::kInitiativePointsLayer)]), (all + 2) / 3);
}

TEST(TileClusters, EveryRecordIsItsOwnFeatureAtTheHighestZoom) {
  const auto& records = dense_registry().initiatives();
  const auto& points = dense_tileset().initiative_points();
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::set<std::string>> ids_by_tile;
  std::size_t located = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    ASSERT_TRUE(points[i]);
    ++located;
    const std::uint32_t n = 1u << layers::kMaxTileZoom;
    const double half = 20037508.342789244;
    const auto x = static_cast<std::uint32_t>((points[i]->first + half) / (2 * half) * n);
    const auto y = static_cast<std::uint32_t>((half - points[i]->second) / (2 * half) * n);
    auto [it, fresh] = ids_by_tile.try_emplace({x, y});
    if (fresh) {
      const auto v = dense_tile(TileLayer::initiatives, {layers::kMaxTileZoom, x, y});
      ASSERT_FALSE(v.truncated);
      const auto j = tiles_test::tile_to_json(v.bytes);
      for (const auto& f : j[std::string(layers::kInitiativePointsLayer)]["features"])
        ASSERT_FALSE(f["properties"].contains("count"));
      records_drawn(j[std::string(layers::kInitiativePointsLayer)], &it->second);
    }
    EXPECT_TRUE(it->second.count(records[i].initiative.id)) << records[i].initiative.id;
  }
  EXPECT_EQ(located, kPoints + kPolygons + kCodes);
}

// The map tile of a dense place draws the vector tile's clusters: a disc
// of the point colour at each, as wide as its count says.
TEST(TileClusters, MapTilesDrawTheClustersSizedByCount) {
  EXPECT_EQ(layers::initiative_disc_radius(1), 3.0);
  EXPECT_EQ(layers::initiative_disc_radius(2), 4.5);
  EXPECT_EQ(layers::initiative_disc_radius(4), 6.0);
  EXPECT_EQ(layers::initiative_disc_radius(16), 8.0);
  EXPECT_EQ(layers::initiative_disc_radius(5000), 8.0);
  const geo::TileId t = tile_at(-70.65, -33.45, 8);
  const auto j = tiles_test::tile_to_json(dense_tile(TileLayer::initiatives, t).bytes);
  layers::RasterQuery q;
  q.tile.layer = TileLayer::initiatives;
  q.tile.tile = t;
  const geo::RgbaImage img = geo::decode_png(layers::build_initiative_raster_tile(dense_tileset(), dense_registry(), q));
  std::size_t clusters = 0, wide = 0;
  for (const auto& f : j[std::string(layers::kInitiativePointsLayer)]["features"]) {
    const int x = f["geometry"][0][0][0].get<int>() / 16, y = f["geometry"][0][0][1].get<int>() / 16;
    if (x < 0 || y < 0 || x >= 256 || y >= 256) continue;
    EXPECT_EQ(img.at(x, y), layers::kInitiativeColour) << f.dump();
    if (!f["properties"].contains("count")) continue;
    ++clusters;
    if (f["properties"]["count"].get<std::size_t>() < 16 || x < 6 || y < 6 || x > 249 || y > 249) continue;
    ++wide;
    // Eight pixels wide: six pixels away still the point colour (opaque;
    // an overlapping disc's anti-aliased edge may round a channel by one).
    for (const auto& [dx, dy] : {std::pair{6, 0}, std::pair{-6, 0}, std::pair{0, 6}, std::pair{0, -6}}) {
      const geo::Rgba px = img.at(x + dx, y + dy);
      const geo::Rgba& want = layers::kInitiativeColour;
      EXPECT_EQ(px.a, 255) << f.dump() << " " << dx << "," << dy;
      EXPECT_LE(std::abs(px.r - want.r) + std::abs(px.g - want.g) + std::abs(px.b - want.b), 1)
          << f.dump() << " " << dx << "," << dy;
    }
  }
  EXPECT_GT(clusters, 0u);
  EXPECT_GT(wide, 0u);
}

TEST(TileClusters, SmallRegistriesAreNeverClustered) {
  const layers::TileSet ts(test_support::fixture_registry());
  for (int z : {4, 8, 12}) {
    layers::TileQuery q;
    q.layer = TileLayer::initiatives;
    q.tile = tile_at(-70.65, -33.45, z);
    const auto v = layers::build_vector_tile(ts, test_support::fixture_registry(), q, {});
    const auto j = tiles_test::tile_to_json(v.bytes);
    for (const auto& [name, layer] : j.items())
      for (const auto& f : layer["features"]) EXPECT_FALSE(f["properties"].contains("count")) << name << " z" << z;
  }
}

}  // namespace
