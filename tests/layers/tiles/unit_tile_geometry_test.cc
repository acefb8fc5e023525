// The unit layers' tile geometry is kept across writes: a communes tile
// drawn after a write reuses the clipped geometry of the tile before it,
// shows the new counts, and is byte for byte the tile drawn from scratch.
#include "layers/tiles/unit_tile_geometry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "layers/join/join.h"
#include "layers/snapshot/snapshot.h"
#include "layers/tiles/tiles.h"
#include "layers/tiles/tiles_service.h"
#include "tests/support/mvt_decode.h"
#include "tests/support/temp_dir.h"

namespace {

constexpr geo::TileId kBiobio{5, 9, 19};  // Concepción and its neighbours
const geo::TileGrid kGrid{geo::TileTransform(kBiobio, layers::kTileExtent), layers::kTileExtent, layers::kTileBuffer};

std::shared_ptr<const layers::Snapshot> fixture_snapshot(const test_support::TempDir& dir) {
  const std::string store = dir.path("s.sqlite");
  std::filesystem::copy_file(TERRITORIO_TEST_STORE, store);
  return layers::Snapshot::load(store, {});
}

layers::StatsLookup stats_of(const layers::Snapshot& s) {
  return [&s](layers::Level l, layers::Division d) { return s.unit_stats(l, d, {}); };
}

std::int64_t initiatives_of(const std::string& tile, const std::string& code) {
  const nlohmann::json decoded = tiles_test::tile_to_json(tile);
  for (const auto& f : decoded["communes"]["features"])
    if (f["properties"]["code"] == code) return f["properties"]["initiatives"].get<std::int64_t>();
  ADD_FAILURE() << code << " is not in the tile";
  return -1;
}

TEST(UnitTileGeometry, ListsEveryUnitMeetingTheTileAndStopsAtTheLimits) {
  const test_support::TempDir dir("territorio-unit-tile-geometry");
  const auto snap = fixture_snapshot(dir);
  const layers::ZoomedPolygons& communes = snap->tileset().units(layers::Level::commune, layers::Division::d2018);

  const std::string all = layers::encode_unit_tile_geometry(communes, kBiobio, kGrid, 20000, 4u << 20);
  const layers::UnitTileGeometry whole(all);
  EXPECT_TRUE(whole.complete());
  std::size_t drawn = 0, listed = 0, previous = 0;
  whole.for_each([&](std::size_t unit, std::vector<std::uint32_t> commands) {
    if (listed++ > 0) {
      EXPECT_GT(unit, previous) << "index order";
    }
    previous = unit;
    if (!commands.empty()) ++drawn;
    return true;
  });
  layers::TileQuery q;
  q.tile = kBiobio;
  const layers::VectorTile tile = layers::build_vector_tile(snap->tileset(), snap->registry(), q, stats_of(*snap));
  EXPECT_EQ(drawn, tile.features);
  EXPECT_GT(drawn, 50u);

  const std::string cut = layers::encode_unit_tile_geometry(communes, kBiobio, kGrid, 5, 4u << 20);
  const layers::UnitTileGeometry cut_geometry(cut);
  EXPECT_FALSE(cut_geometry.complete());
  drawn = 0;
  cut_geometry.for_each([&](std::size_t, std::vector<std::uint32_t> commands) {
    if (!commands.empty()) ++drawn;
    return true;
  });
  EXPECT_EQ(drawn, 5u);

  EXPECT_THROW(layers::UnitTileGeometry("abc"), std::invalid_argument);
}

TEST(UnitTileGeometry, ATileAfterAWriteReusesTheGeometryAndShowsTheNewCounts) {
  const test_support::TempDir dir("territorio-unit-tile-geometry");
  const auto before = fixture_snapshot(dir);

  // A new record in Concepción, joined as a write joins it.
  layers::StoredInitiative s;
  s.initiative.id = "nueva-concepcion";
  s.initiative.name = "Huertos comunitarios";
  s.initiative.attributes = {{"id", s.initiative.id}, {"name", s.initiative.name}};
  s.initiative.footprint.kind = layers::FootprintKind::codes;
  s.initiative.footprint.codes = {"08101"};
  const layers::JoinResult j =
      layers::Joiner(before->registry().catalog(), before->registry().gazetteer()).join(s.initiative.footprint, "x");
  s.units = j.units;
  s.footprint_scale = j.scale;
  std::vector<layers::InitiativeChange> changes(1);
  changes[0].id = s.initiative.id;
  changes[0].after = std::move(s);
  const auto after = layers::Snapshot::with_changes(*before, changes, before->generation() + 1);
  ASSERT_TRUE(after);

  layers::TileService service;
  layers::TileQuery q;
  q.tile = kBiobio;
  const auto first = service.vector_tile(*before, q);
  EXPECT_EQ(service.cache_stats().misses, 1u);
  EXPECT_EQ(service.geometry_cache_stats().misses, 1u);
  const auto second = service.vector_tile(*after, q);
  EXPECT_EQ(service.cache_stats().misses, 2u) << "the tile of the new generation";
  EXPECT_EQ(service.geometry_cache_stats().misses, 1u);
  EXPECT_EQ(service.geometry_cache_stats().hits, 1u) << "the geometry of the generation before";

  EXPECT_EQ(initiatives_of(second->body, "08101"), initiatives_of(first->body, "08101") + 1);
  EXPECT_EQ(second->body,
            layers::build_vector_tile(after->tileset(), after->registry(), q, stats_of(*after)).bytes);
  EXPECT_EQ(first->body,
            layers::build_vector_tile(before->tileset(), before->registry(), q, stats_of(*before)).bytes);
}

}  // namespace
