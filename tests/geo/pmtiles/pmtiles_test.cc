// PMTiles v3: tile ids against the specification's numbering and an
// independent implementation, and archives read back by the independent
// checker of tests/support (header, directories, leaves, deduplication).
#include <gtest/gtest.h>

#include <fstream>
#include <algorithm>
#include <filesystem>
#include <random>
#include <set>

#include "geo/error.h"
#include "geo/pmtiles/pmtiles_writer.h"
#include "geo/pmtiles/tile_id.h"
#include "tests/support/pmtiles_check.h"
#include "tests/support/temp_dir.h"

namespace {

namespace pm = geo::pmtiles;
using test_support::read_pmtiles;

TEST(PmtilesTileId, NumbersTilesZoomByZoomAlongTheHilbertCurve) {
  EXPECT_EQ(pm::tile_id({0, 0, 0}), 0u);
  // Zoom 1: the curve goes (0,0), (0,1), (1,1), (1,0).
  EXPECT_EQ(pm::tile_id({1, 0, 0}), 1u);
  EXPECT_EQ(pm::tile_id({1, 0, 1}), 2u);
  EXPECT_EQ(pm::tile_id({1, 1, 1}), 3u);
  EXPECT_EQ(pm::tile_id({1, 1, 0}), 4u);
  EXPECT_EQ(pm::tile_id({2, 0, 0}), 5u);
  EXPECT_EQ(pm::tile_id({3, 7, 0}), 1u + 4 + 16 + 63);
  EXPECT_EQ(pm::first_id_of_zoom(12), 5592405u);
  EXPECT_EQ(pm::first_id_of_zoom(31), 1537228672809129301u);
  EXPECT_EQ(pm::tile_of(1537228672809129301u), (geo::TileId{31, 0, 0}));
}

TEST(PmtilesTileId, AgreesWithTheCheckerAndRoundTripsEveryTileToZoom7) {
  std::set<std::uint64_t> seen;
  for (int z = 0; z <= 7; ++z)
    for (std::uint32_t x = 0; x < (1u << z); ++x)
      for (std::uint32_t y = 0; y < (1u << z); ++y) {
        const std::uint64_t id = pm::tile_id({z, x, y});
        ASSERT_EQ(id, test_support::pmtiles_tile_id(z, x, y)) << z << "/" << x << "/" << y;
        ASSERT_EQ(pm::tile_of(id), (geo::TileId{z, x, y}));
        seen.insert(id);
      }
  // Every id from 0 to the last tile of zoom 7, each once.
  EXPECT_EQ(seen.size(), pm::first_id_of_zoom(8));
  EXPECT_EQ(*seen.rbegin(), pm::first_id_of_zoom(8) - 1);
  // Far zooms.
  const geo::TileId t{20, 300000, 700001};
  EXPECT_EQ(pm::tile_of(pm::tile_id(t)), t);
  EXPECT_EQ(pm::tile_id(t), test_support::pmtiles_tile_id(20, 300000, 700001));
}

geo::TilePackageInfo info() {
  geo::TilePackageInfo i;
  i.name = "test";
  i.attribution = "Ñuñoa";
  i.bounds = {-75.5, -56, -66.25, -17.5};
  i.center_lon = -70.6693;
  i.center_lat = -33.4489;
  i.center_zoom = 4;
  i.minzoom = 0;
  i.maxzoom = 6;
  i.vector_layers_json = R"([{"id":"communes","fields":{}}])";
  return i;
}

TEST(PmtilesWriter, HeaderDirectoryAndDeduplicatedTiles) {
  test_support::TempDir dir("pmtiles");
  const std::string path = dir.path("a.pmtiles");
  {
    pm::Writer w(path, info());
    w.add({0, 0, 0}, "root");
    w.add({1, 0, 0}, "same");
    w.add({1, 0, 1}, "same");  // id 2 after id 1: one run of two
    w.add({1, 1, 1}, "other");
    w.add({1, 1, 0}, "root");  // equal to an earlier tile: its offset again
    EXPECT_EQ(w.tiles(), 5u);
    w.commit();
  }
  const auto a = read_pmtiles(path);
  ASSERT_TRUE(a.problems.empty()) << a.problems.front();
  const auto& h = a.header;
  EXPECT_EQ(h.addressed, 5u);
  EXPECT_EQ(h.entries, 4u);
  EXPECT_EQ(h.contents, 3u);
  EXPECT_EQ(h.data_length, 4u + 4 + 5);
  EXPECT_EQ(h.clustered, 1);
  EXPECT_EQ(h.internal_compression, 2);
  EXPECT_EQ(h.tile_compression, 1);
  EXPECT_EQ(h.tile_type, 1);
  EXPECT_EQ(h.min_zoom, 0);
  EXPECT_EQ(h.max_zoom, 6);
  EXPECT_EQ(h.min_lon_e7, -755000000);
  EXPECT_EQ(h.max_lon_e7, -662500000);
  EXPECT_EQ(h.min_lat_e7, -560000000);
  EXPECT_EQ(h.max_lat_e7, -175000000);
  EXPECT_EQ(h.center_zoom, 4);
  EXPECT_EQ(h.center_lon_e7, -706693000);
  EXPECT_EQ(h.center_lat_e7, -334489000);
  EXPECT_EQ(a.leaf_directories, 0u);
  EXPECT_EQ(a.metadata["attribution"], "Ñuñoa");
  EXPECT_EQ(a.metadata["vector_layers"][0]["id"], "communes");
  ASSERT_EQ(a.tiles.size(), 5u);
  EXPECT_EQ(a.tiles.at({0, 0, 0}), "root");
  EXPECT_EQ(a.tiles.at({1, 0, 1}), "same");
  EXPECT_EQ(a.tiles.at({1, 1, 0}), "root");
  EXPECT_EQ(a.tiles.at({1, 1, 1}), "other");
}

// Thousands of tiles in random order, directories uncompressed: the root
// cannot hold them all, so they go to leaves; the archive is not clustered.
TEST(PmtilesWriter, LeafDirectoriesAndTilesInAnyOrder) {
  test_support::TempDir dir("pmtiles");
  const std::string path = dir.path("b.pmtiles");
  std::vector<geo::TileId> tiles;
  for (std::uint32_t x = 0; x < 128; ++x)
    for (std::uint32_t y = 0; y < 64; ++y) tiles.push_back({7, x, y});
  std::mt19937 rng(3);
  std::shuffle(tiles.begin(), tiles.end(), rng);
  pm::WriterOptions o;
  o.internal_compression = pm::Compression::none;
  geo::TilePackageInfo i = info();
  i.maxzoom = 7;
  {
    pm::Writer w(path, i, o);
    for (const auto& t : tiles) w.add(t, std::to_string(t.x) + "/" + std::to_string(t.y));
    w.commit();
  }
  const auto a = read_pmtiles(path);
  ASSERT_TRUE(a.problems.empty()) << a.problems.front();
  EXPECT_EQ(a.header.clustered, 0);
  EXPECT_EQ(a.header.internal_compression, 1);
  EXPECT_GT(a.leaf_directories, 1u);
  EXPECT_LE(a.header.root_offset + a.header.root_length, 16384u);
  ASSERT_EQ(a.tiles.size(), tiles.size());
  for (const auto& t : tiles) EXPECT_EQ(a.tiles.at({7, t.x, t.y}), std::to_string(t.x) + "/" + std::to_string(t.y));
}

TEST(PmtilesWriter, NothingUnderTheNameWithoutCommitOrTiles) {
  test_support::TempDir dir("pmtiles");
  const std::string path = dir.path("c.pmtiles");
  {
    pm::Writer w(path, info());
    w.add({0, 0, 0}, "x");
  }
  {
    pm::Writer w(path, info());
    EXPECT_THROW(w.commit(), geo::Error);
  }
  {
    pm::Writer w(path, info());
    w.add({2, 1, 1}, "x");
    w.add({2, 1, 1}, "y");
    EXPECT_THROW(w.commit(), std::logic_error);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::is_empty(std::filesystem::path(path).parent_path()));
}

}  // namespace
