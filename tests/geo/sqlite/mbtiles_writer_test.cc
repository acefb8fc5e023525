// MBTiles: the metadata table, TMS rows, gzipped vector tiles, and a file
// that appears only on commit().
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "geo/error.h"
#include "geo/gzip.h"
#include "geo/sqlite/mbtiles_writer.h"
#include "geo/sqlite/sqlite_db.h"
#include "tests/support/temp_dir.h"

namespace {

geo::TilePackageInfo info() {
  geo::TilePackageInfo i;
  i.name = "territorio communes";
  i.description = "d";
  i.attribution = "BCN";
  i.bounds = {-109.453882, -55.98, -66.4186, -17.497776};
  i.center_lon = -70.6693;
  i.center_lat = -33.4489;
  i.center_zoom = 4;
  i.minzoom = 2;
  i.maxzoom = 5;
  i.vector_layers_json = R"([{"id":"communes"}])";
  return i;
}

TEST(MbtilesWriter, MetadataAndTilesInTmsRows) {
  test_support::TempDir dir("mbtiles");
  const std::string path = dir.path("a.mbtiles");
  {
    geo::MbtilesWriter w(path, info());
    w.add({2, 1, 0}, std::string("\x1a\x00\x01", 3));
    w.add({5, 9, 18}, "b");
    EXPECT_FALSE(std::filesystem::exists(path));
    w.commit();
  }
  geo::Database db(path, geo::Database::Mode::read_only, geo::Database::Extensions::none);
  std::map<std::string, std::string> meta;
  for (auto s = db.prepare("SELECT name, value FROM metadata"); s.step();) meta[s.text(0)] = s.text(1);
  EXPECT_EQ(meta.size(), 11u);
  EXPECT_EQ(meta["name"], "territorio communes");
  EXPECT_EQ(meta["format"], "pbf");
  EXPECT_EQ(meta["bounds"], "-109.453882,-55.98,-66.4186,-17.497776");
  EXPECT_EQ(meta["center"], "-70.6693,-33.4489,4");
  EXPECT_EQ(meta["minzoom"], "2");
  EXPECT_EQ(meta["maxzoom"], "5");
  EXPECT_EQ(meta["json"], R"({"vector_layers":[{"id":"communes"}]})");
  auto s = db.prepare("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles ORDER BY zoom_level");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.integer(0), 2);
  EXPECT_EQ(s.integer(1), 1);
  EXPECT_EQ(s.integer(2), 3);  // row 0 from the north is TMS row 3 of 4
  // Vector tiles stored gzipped ("pbf"), the given bytes once inflated.
  EXPECT_EQ(s.blob(3).substr(0, 2), "\x1f\x8b");
  EXPECT_EQ(geo::gzip_decompress(s.blob(3)), std::string("\x1a\x00\x01", 3));
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.integer(2), 31 - 18);
  EXPECT_FALSE(s.step());
}

TEST(MbtilesWriter, NoFileWithoutCommitAndATileTwiceIsRefused) {
  test_support::TempDir dir("mbtiles");
  const std::string path = dir.path("b.mbtiles");
  {
    geo::MbtilesWriter w(path, info());
    w.add({0, 0, 0}, "a");
  }
  {
    geo::MbtilesWriter w(path, info());
    w.add({0, 0, 0}, "a");
    w.add({0, 0, 0}, "b");
    EXPECT_THROW(w.commit(), geo::SqliteError);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::is_empty(std::filesystem::path(path).parent_path()));
}

}  // namespace
