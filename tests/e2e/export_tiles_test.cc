// territorio export-tiles as a GIS analyst runs it: MBTiles and PMTiles of
// communes, zooms 0 to 10, hold exactly the tiles the running server sends
// (byte for byte, the MBTiles' once gunzipped, and no tile with data left out), GDAL's MBTiles driver
// opens the MBTiles, the PMTiles archive passes an independent check
// against the v3 specification, --within restricts the tiles, and every bad
// argument gets its message and exit code with nothing written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "geo/gzip.h"
#include "geo/sqlite/sqlite_db.h"
#include "tests/support/http_client.h"
#include "tests/support/mvt_decode.h"
#include "tests/support/pmtiles_check.h"
#include "tests/support/server_process.h"

namespace {

namespace fs = std::filesystem;
using test_support::run_command;
using Tiles = std::map<std::tuple<int, std::uint32_t, std::uint32_t>, std::string>;

// Tiles with data among the communes' tiles of zooms 0 to 10 (the fixture store).
constexpr std::size_t kCommuneTiles0to10 = 1872;

std::string bin() { return TERRITORIO_BIN; }

Tiles read_mbtiles(const std::string& path) {
  geo::Database db(path, geo::Database::Mode::read_only, geo::Database::Extensions::none);
  Tiles out;
  for (auto s = db.prepare("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"); s.step();) {
    const int z = static_cast<int>(s.integer(0));
    const auto y = static_cast<std::uint32_t>((std::int64_t{1} << z) - 1 - s.integer(2));
    // "pbf" tiles are gzipped (MBTiles 1.3; QGIS reads only those).
    const std::string blob = s.blob(3);
    EXPECT_EQ(blob.substr(0, 2), "\x1f\x8b");
    out[{z, static_cast<std::uint32_t>(s.integer(1)), y}] = geo::gzip_decompress(blob);
  }
  return out;
}

std::map<std::string, std::string> read_metadata(const std::string& path) {
  geo::Database db(path, geo::Database::Mode::read_only, geo::Database::Extensions::none);
  std::map<std::string, std::string> out;
  for (auto s = db.prepare("SELECT name, value FROM metadata"); s.step();) out[s.text(0)] = s.text(1);
  return out;
}

std::string tile_url(const std::string& layer, int z, std::uint32_t x, std::uint32_t y) {
  return "/tiles/" + layer + "/" + std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y) + ".mvt";
}

class ExportTiles : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("territorio-export-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    for (const char* format : {"mbtiles", "pmtiles"}) {
      const auto r = run_command(bin() + " export-tiles --store " + TERRITORIO_TEST_STORE +
                                 " --layers communes --minzoom 0 --maxzoom 10 --format " + format + " " +
                                 out(format));
      ASSERT_EQ(r.exit_code, 0) << r.output;
      ASSERT_NE(r.output.find("communes." + std::string(format) + ": 1872 tiles with data of 4084 visited"),
                std::string::npos)
          << r.output;
      ASSERT_NE(r.output.find("communes " + std::string(format) + ": 4084/4084"), std::string::npos) << r.output;
    }
    server_ = new test_support::ServerProcess(TERRITORIO_TEST_STORE);
  }
  static void TearDownTestSuite() {
    delete server_;
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string out(const std::string& name) { return (*dir_ / name).string(); }
  static fs::path* dir_;
  static test_support::ServerProcess* server_;
};
fs::path* ExportTiles::dir_ = nullptr;
test_support::ServerProcess* ExportTiles::server_ = nullptr;

TEST_F(ExportTiles, BothPackagesHoldTheServedTilesByteForByte) {
  const Tiles mb = read_mbtiles(out("mbtiles") + "/communes.mbtiles");
  const auto pm = test_support::read_pmtiles(out("pmtiles") + "/communes.pmtiles");
  ASSERT_TRUE(pm.problems.empty()) << pm.problems.front();
  EXPECT_EQ(mb.size(), kCommuneTiles0to10);
  ASSERT_TRUE(pm.tiles == mb) << "the MBTiles and the PMTiles hold other tiles";
  std::map<int, std::size_t> per_zoom;
  for (const auto& [key, bytes] : mb) ++per_zoom[std::get<0>(key)];
  EXPECT_EQ(per_zoom, (std::map<int, std::size_t>{{0, 1}, {1, 1}, {2, 2}, {3, 3}, {4, 8}, {5, 12}, {6, 24},
                                                   {7, 50}, {8, 131}, {9, 378}, {10, 1262}}));

  test_support::HttpClient c;
  for (const auto& [key, bytes] : mb) {
    const auto [z, x, y] = key;
    const auto r = c.get(server_->url(tile_url("communes", z, x, y)));
    ASSERT_EQ(r.status, 200);
    ASSERT_EQ(r.body, bytes) << tile_url("communes", z, x, y);
  }
  // Nothing left out: every other tile of zooms 0 to 5, world-wide, is empty.
  for (int z = 0; z <= 5; ++z)
    for (std::uint32_t x = 0; x < (1u << z); ++x)
      for (std::uint32_t y = 0; y < (1u << z); ++y) {
        if (mb.count({z, x, y})) continue;
        const auto r = c.get(server_->url(tile_url("communes", z, x, y)));
        ASSERT_EQ(r.status, 200);
        ASSERT_TRUE(r.body.empty()) << tile_url("communes", z, x, y);
      }
}

TEST_F(ExportTiles, MetadataHeaderAndStyle) {
  auto meta = read_metadata(out("mbtiles") + "/communes.mbtiles");
  EXPECT_EQ(meta["name"], "territorio communes");
  EXPECT_EQ(meta["format"], "pbf");
  EXPECT_EQ(meta["minzoom"], "0");
  EXPECT_EQ(meta["maxzoom"], "10");
  EXPECT_EQ(meta["center"], "-70.6693,-33.4489,4");
  EXPECT_NE(meta["attribution"].find("Biblioteca del Congreso Nacional"), std::string::npos);
  const auto json = nlohmann::json::parse(meta["json"]);
  ASSERT_EQ(json["vector_layers"].size(), 1u);
  EXPECT_EQ(json["vector_layers"][0]["id"], "communes");
  EXPECT_EQ(json["vector_layers"][0]["maxzoom"], 10);
  EXPECT_EQ(json["vector_layers"][0]["fields"]["initiatives"], "Number");

  const auto pm = test_support::read_pmtiles(out("pmtiles") + "/communes.pmtiles");
  ASSERT_TRUE(pm.problems.empty()) << pm.problems.front();
  EXPECT_EQ(pm.header.min_zoom, 0);
  EXPECT_EQ(pm.header.max_zoom, 10);
  EXPECT_EQ(pm.header.tile_type, 1);         // MVT
  EXPECT_EQ(pm.header.tile_compression, 1);  // none: the bytes as served
  EXPECT_EQ(pm.header.internal_compression, 2);
  EXPECT_EQ(pm.header.clustered, 1);
  EXPECT_EQ(pm.header.addressed, kCommuneTiles0to10);
  EXPECT_EQ(pm.header.center_zoom, 4);
  // The bounds of the MBTiles metadata (6 decimals), in 1e-7 degrees.
  EXPECT_EQ(meta["bounds"], "-109.453882,-55.98,-66.4186,-17.497776");
  EXPECT_NEAR(pm.header.min_lon_e7, -1094538820, 5);
  EXPECT_NEAR(pm.header.min_lat_e7, -559800000, 5);
  EXPECT_NEAR(pm.header.max_lon_e7, -664186000, 5);
  EXPECT_NEAR(pm.header.max_lat_e7, -174977760, 5);
  EXPECT_EQ(pm.metadata["name"], "territorio communes");
  EXPECT_EQ(pm.metadata["vector_layers"], json["vector_layers"]);

  for (const char* format : {"mbtiles", "pmtiles"}) {
    std::ifstream in(out(format) + "/communes.style.json");
    const auto style = nlohmann::json::parse(in);
    EXPECT_EQ(style["version"], 8);
    EXPECT_EQ(style["sources"]["territorio"]["url"], std::string(format) + "://communes." + format);
    EXPECT_EQ(style["sources"]["territorio"]["type"], "vector");
    ASSERT_EQ(style["layers"].size(), 3u);
    EXPECT_EQ(style["layers"][1]["source-layer"], "communes");
    EXPECT_EQ(style["layers"][1]["paint"]["fill-color"][2], "#e0e0e0");  // no initiative: the map's grey
  }
  // Only the package and its style: no partial file left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(out("pmtiles")), fs::directory_iterator()), 2);
}

TEST_F(ExportTiles, GdalOpensTheMbtilesWithTheTilesFeatures) {
  const Tiles mb = read_mbtiles(out("mbtiles") + "/communes.mbtiles");
  for (int z : {0, 6}) {
    std::size_t features = 0;
    for (const auto& [key, bytes] : mb)
      if (std::get<0>(key) == z)
        for (const auto& l : tiles_test::decode_tile(bytes)) features += l.features.size();
    const auto r = run_command("ogrinfo -ro -so -oo ZOOM_LEVEL=" + std::to_string(z) + " " + out("mbtiles") +
                               "/communes.mbtiles communes");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("using driver `MBTiles' successful"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Layer name: communes"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Feature Count: " + std::to_string(features) + "\n"), std::string::npos)
        << "zoom " << z << ": " << r.output;
    if (z == 0) {
      EXPECT_EQ(features, 325u);  // the communes large enough to show at zoom 0
    }
  }
  // A feature's attributes as GDAL reads them: Santiago at zoom 10.
  const auto r = run_command("ogrinfo -ro -oo ZOOM_LEVEL=10 " + out("mbtiles") +
                             "/communes.mbtiles communes -where \"code = '13101'\"");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("name (String) = Santiago"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("population (Real) = 404495"), std::string::npos) << r.output;
}

TEST_F(ExportTiles, WithinARegionOnlyItsTilesForEveryLayerAsServed) {
  const std::string dir = out("within");
  const auto r = run_command(bin() + " export-tiles --store " + TERRITORIO_TEST_STORE +
                             " --layers communes,initiatives --minzoom 5 --maxzoom 8 --within 08 --format pmtiles " +
                             dir);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  test_support::HttpClient c;
  std::map<std::string, std::size_t> counts;
  for (const char* layer : {"communes", "initiatives"}) {
    const auto pm = test_support::read_pmtiles(dir + "/" + layer + ".pmtiles");
    ASSERT_TRUE(pm.problems.empty()) << pm.problems.front();
    counts[layer] = pm.tiles.size();
    for (const auto& [key, bytes] : pm.tiles) {
      const auto [z, x, y] = key;
      // Biobío spans about -74 to -70.8 degrees of longitude, -38.5 to -36.4 of latitude.
      const double west = x / std::ldexp(1.0, z) * 360 - 180, east = (x + 1) / std::ldexp(1.0, z) * 360 - 180;
      EXPECT_LT(west, -70.7) << z << "/" << x << "/" << y;
      EXPECT_GT(east, -74.2) << z << "/" << x << "/" << y;
      ASSERT_EQ(c.get(server_->url(tile_url(layer, z, x, y))).body, bytes);
    }
    // Bounds: the region's.
    EXPECT_GT(pm.header.min_lon_e7, -745000000);
    EXPECT_LT(pm.header.max_lon_e7, -705000000);
  }
  EXPECT_EQ(counts, (std::map<std::string, std::size_t>{{"communes", 17}, {"initiatives", 17}}));
}

struct BadCase {
  const char* args;
  int exit_code;
  const char* message;
};

TEST_F(ExportTiles, BadArgumentsAreRefusedWithNothingWritten) {
  const std::string dir = out("bad");
  fs::create_directories(dir);
  std::ofstream(dir + "/a-file") << "x";
  const std::string store = std::string(" --store ") + TERRITORIO_TEST_STORE + " ";
  const BadCase cases[] = {
      {"--minzoom 0 OUT", 2, "export-tiles needs --layers"},
      {"--layers communes", 2, "export-tiles takes one argument, the output folder OUT"},
      {"--layers comunas OUT", 2, "--layers: no tile layer 'comunas' (layers: regions, provinces, communes,"},
      {"--layers , OUT", 2, "--layers needs at least one tile layer"},
      {"--layers communes --minzoom 5 --maxzoom 3 OUT", 2, "--minzoom 5 is above --maxzoom 3"},
      {"--layers communes --maxzoom 15 OUT", 2, "--maxzoom must be a whole number from 0 to 14, not '15'"},
      {"--layers communes --minzoom -1 OUT", 2, "--minzoom must be a whole number from 0 to 14, not '-1'"},
      {"--layers communes --format zip OUT", 2, "--format must be mbtiles or pmtiles, not 'zip'"},
      {"--layers communes --within 99 OUT", 2,
       "--within: no unit with code '99' in the 2018 division (a region, province or commune code)"},
      {"--layers communes --within 12202 OUT", 2, "--within: unit 12202 has no boundary to export"},
      // Juan Fernández: islands with no urban census zone.
      {"--layers census-zones --minzoom 8 --within 05104 OUT", 1,
       "no tile of census-zones holds data in zooms 8..10 within 05104: no package written"},
      {"--layers communes OUT/a-file", 1, "as the output folder"},
      {"--layers communes /proc/territorio-export", 1, "cannot use '/proc/territorio-export' as the output folder"},
  };
  for (const BadCase& c : cases) {
    std::string args = c.args;
    if (const auto at = args.find("OUT"); at != std::string::npos) args.replace(at, 3, dir);
    const auto r = run_command(bin() + " export-tiles" + store + args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.args << "\n" << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << c.args << "\n" << r.output;
  }
  // Only the file the test put there.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

}  // namespace
