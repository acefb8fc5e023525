// Code footprints reference the geometry of the units they name: records on
// the same units share one tile shape and one feature geometry and text, so
// memory stays flat however many records there are.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "geo/tile_math.h"
#include "layers/features/collections.h"
#include "layers/join/join.h"
#include "layers/store/store.h"
#include "layers/tiles/tiles.h"
#include "tests/support/mvt_decode.h"

namespace {

// Footprints cycled over: a commune, a province, a region, another region's
// commune and two communes together.
const std::vector<std::vector<std::string>> kCodeSets = {{"13101"}, {"131"}, {"13"}, {"05101"}, {"13101", "13102"}};

std::unique_ptr<layers::Catalog> load_catalog() {
  return std::make_unique<layers::Catalog>(layers::Store::open(TERRITORIO_TEST_STORE)->load_units());
}

// A registry of n records on the code sets in turn, joined as the importer does.
std::unique_ptr<layers::Registry> code_registry(std::size_t n) {
  const layers::Registry base(load_catalog(), {}, 1);
  const layers::Joiner joiner(base.catalog(), base.gazetteer());
  std::vector<layers::StoredInitiative> records;
  for (std::size_t i = 0; i < n; ++i) {
    layers::StoredInitiative s;
    s.initiative.id = std::to_string(100000 + i);  // numeric: the tile feature id
    s.initiative.name = "Record " + std::to_string(i);
    s.initiative.footprint.kind = layers::FootprintKind::codes;
    s.initiative.footprint.codes = kCodeSets[i % kCodeSets.size()];
    layers::JoinResult j = joiner.join(s.initiative.footprint, s.initiative.id);
    s.units = std::move(j.units);
    s.footprint_scale = j.scale;
    records.push_back(std::move(s));
  }
  return std::make_unique<layers::Registry>(load_catalog(), std::move(records), 2);
}

TEST(FootprintSharedGeometry, TileShapesStayOnePerCodeSetAsRecordsGrow) {
  const auto small = code_registry(10), large = code_registry(500);
  const layers::TileSet ts_small(*small), ts_large(*large);
  ASSERT_EQ(ts_small.footprints().size(), kCodeSets.size());
  ASSERT_EQ(ts_large.footprints().size(), kCodeSets.size());
  for (int z = 0; z <= layers::kMaxSimplifiedZoom; ++z)
    EXPECT_EQ(ts_small.footprints().vertex_count(z), ts_large.footprints().vertex_count(z)) << "zoom " << z;
  std::size_t owners = 0;
  for (std::size_t k = 0; k < kCodeSets.size(); ++k) {
    const auto& o = ts_large.footprint_owners(k);
    EXPECT_EQ(o.size(), 500 / kCodeSets.size());
    // Shape k is first drawn by record k, then every kCodeSets.size()-th.
    for (std::size_t m = 0; m < o.size(); ++m) EXPECT_EQ(o[m], k + m * kCodeSets.size());
    owners += o.size();
  }
  EXPECT_EQ(owners, 500u);
  // Records on one code set get the same representative point.
  EXPECT_EQ(ts_large.initiative_points()[0], ts_large.initiative_points()[kCodeSets.size()]);
}

TEST(FootprintSharedGeometry, EverySharingRecordIsDrawnInRecordOrder) {
  const auto reg = code_registry(20);
  const layers::TileSet ts(*reg);
  // A zoom 10 tile in Santiago (13101): every code set but 05101 covers it.
  const geo::TileRange r = geo::tiles_covering({-70.651, -33.451, -70.649, -33.449}, 10);
  layers::TileQuery q;
  q.layer = layers::TileLayer::initiatives;
  q.tile = {10, r.min_x, r.min_y};
  const layers::VectorTile tile = layers::build_vector_tile(ts, *reg, q, {});
  std::vector<std::uint64_t> ids;
  for (const auto& layer : tiles_test::decode_tile(tile.bytes))
    if (layer.name == layers::kFootprintsLayer)
      for (const auto& f : layer.features) ids.push_back(f.id);
  std::vector<std::uint64_t> expected;
  for (std::size_t i = 0; i < 20; ++i)
    if (i % kCodeSets.size() != 3) expected.push_back(100000 + i);
  EXPECT_EQ(ids, expected);
}

TEST(FootprintSharedGeometry, FeaturesBorrowTheUnitGeometryAndText) {
  const auto reg = code_registry(10);
  const layers::FeatureCatalog catalog(*reg, {});
  const layers::Collection* initiatives = catalog.find("initiatives");
  const layers::Collection* communes = catalog.find("communes");
  ASSERT_TRUE(initiatives && communes);
  const layers::PublishedFeature* a = initiatives->find("100000");  // 13101
  const layers::PublishedFeature* b = initiatives->find("100005");  // 13101
  const layers::PublishedFeature* unit = communes->find("13101");
  ASSERT_TRUE(a && b && unit && a->geometry && unit->geometry_text);
  EXPECT_EQ(a->geometry.get(), b->geometry.get());
  EXPECT_EQ(a->geometry.get(), unit->geometry.get());
  EXPECT_EQ(a->geometry_text.get(), unit->geometry_text.get());
  EXPECT_EQ(a->geometry_json.data(), unit->geometry_json.data());
  EXPECT_EQ(b->geometry_json, *unit->geometry_text);
  // Two communes together: dissolved once, shared by both records.
  const layers::PublishedFeature* c = initiatives->find("100004");
  const layers::PublishedFeature* d = initiatives->find("100009");
  ASSERT_TRUE(c && d && c->geometry);
  EXPECT_EQ(c->geometry.get(), d->geometry.get());
  EXPECT_EQ(c->geometry_text.get(), d->geometry_text.get());
  EXPECT_NE(c->geometry.get(), a->geometry.get());
}

}  // namespace
