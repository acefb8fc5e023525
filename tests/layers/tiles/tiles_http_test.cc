// The tile routes end to end against the real binary: headers, ETag/304,
// bad input, metadata, PNG colours, GDAL's MVT driver, and a fresh import
// changing the tiles while the server runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "geo/raster/raster_canvas.h"
#include "layers/tiles/tiles_palette.h"
#include "tests/support/mvt_decode.h"
#include "tests/support/generation_wait.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using test_support::HttpClient;
using test_support::ServerProcess;

namespace {

ServerProcess& server() {
  static ServerProcess s(TERRITORIO_TEST_STORE);
  return s;
}

// Santiago centro (13101) fills tile 14/4976/9809.
const char* kSantiagoTile = "/tiles/communes/14/4976/9809";

TEST(TilesHttp, VectorTileHeadersEtagAnd304) {
  HttpClient c;
  const auto r = c.get(server().url(std::string(kSantiagoTile) + ".mvt"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-type"), "application/vnd.mapbox-vector-tile");
  EXPECT_EQ(r.headers.at("cache-control"), "no-cache");
  const std::string etag = r.headers.at("etag");
  EXPECT_TRUE(tiles_test::validate_tile(r.body, 64).empty());
  const auto again = c.get(server().url(std::string(kSantiagoTile) + ".mvt"));
  EXPECT_EQ(again.body, r.body);
  EXPECT_EQ(again.headers.at("etag"), etag);
  const auto revalidated = c.get(server().url(std::string(kSantiagoTile) + ".mvt"), {{"If-None-Match", etag}});
  EXPECT_EQ(revalidated.status, 304);
  EXPECT_TRUE(revalidated.body.empty());
  // A filter is part of the key: another ETag, other properties.
  const auto filtered = c.get(server().url(std::string(kSantiagoTile) + ".mvt?year=1900"), {{"If-None-Match", etag}});
  EXPECT_EQ(filtered.status, 200);
  EXPECT_NE(filtered.headers.at("etag"), etag);
  EXPECT_EQ(tiles_test::tile_to_json(filtered.body)["communes"]["features"][0]["properties"]["initiatives"], 0);
}

TEST(TilesHttp, BadInputIsAJsonProblem) {
  HttpClient c;
  const std::pair<const char*, long> cases[] = {
      {"/tiles/communes/17/0/0.mvt", 400},        {"/tiles/communes/-1/0/0.mvt", 400},
      {"/tiles/communes/2/4/0.mvt", 400},         {"/tiles/communes/2/0/4.mvt", 400},
      {"/tiles/communes/a/0/0.mvt", 400},         {"/tiles/communes/2/0/1x.mvt", 400},
      {"/tiles/communes/02/0/0.mvt", 400},        {"/tiles/communes/99999999999/0/0.mvt", 400},
      {"/tiles/nowhere/2/0/0.mvt", 404},          {"/tiles/nowhere.json", 404},
      {"/tiles/communes/2/0/0.mvt?colour=red", 400}, {"/tiles/communes/2/0/0.mvt?area=Nope", 400},
      {"/tiles/communes/2/0/0.mvt?division=1990", 400}, {"/tiles/communes/2/0/0.mvt?properties=height", 400},
      {"/tiles/communes/2/0/0.png?measure=height", 400}, {"/tiles/territorio/2/0/0.png", 404},
      {"/tiles/communes/2/0/0@3x.png", 400},      {"/collections/rivers/tiles", 404},
      {"/tiles/communes/2/0/0.mvt?year=20x", 400},
  };
  for (const auto& [path, status] : cases) {
    const auto r = c.get(server().url(path));
    EXPECT_EQ(r.status, status) << path;
    EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type") : "", "application/problem+json") << path;
    EXPECT_TRUE(json::accept(r.body)) << path;
  }
}

TEST(TilesHttp, TileJsonAndOgcTilesMetadata) {
  HttpClient c;
  const auto r = c.get(server().url("/tiles/communes.json?area=Social"), {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "maps.example.cl"}});
  ASSERT_EQ(r.status, 200);
  const json j = json::parse(r.body);
  EXPECT_EQ(j["tilejson"], "3.0.0");
  EXPECT_EQ(j["tiles"][0], "https://maps.example.cl/tiles/communes/{z}/{x}/{y}.mvt?area=Social");
  EXPECT_EQ(j["minzoom"], 0);
  EXPECT_EQ(j["maxzoom"], 16);
  EXPECT_EQ(j["vector_layers"][0]["id"], "communes");
  EXPECT_EQ(j["vector_layers"][0]["fields"]["per_100k"], "Number");
  EXPECT_EQ(j["bounds"].size(), 4u);
  EXPECT_NE(j["attribution"].get<std::string>().find("SUBDERE"), std::string::npos);
  const json t = json::parse(c.get(server().url("/tiles/territorio.json")).body);
  EXPECT_EQ(t["vector_layers"].size(), 5u);

  const json sets = json::parse(c.get(server().url("/collections/communes/tiles")).body);
  ASSERT_EQ(sets["tilesets"].size(), 1u);
  EXPECT_EQ(sets["tilesets"][0]["dataType"], "vector");
  EXPECT_EQ(sets["tilesets"][0]["tileMatrixSetURI"], "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
  const json maps = json::parse(c.get(server().url("/collections/communes/map/tiles")).body);
  ASSERT_EQ(maps["tilesets"].size(), 2u);
  EXPECT_EQ(maps["tilesets"][0]["dataType"], "map");
  EXPECT_EQ(maps["tilesets"][1]["tileMatrixSetURI"], "http://www.opengis.net/def/tilematrixset/OGC/1.0/WorldCRS84Quad");
  const json tms = json::parse(c.get(server().url("/tiles/WebMercatorQuad")).body);
  EXPECT_EQ(tms["tileMatrices"].size(), 17u);
  EXPECT_EQ(tms["tileMatrices"][0]["matrixWidth"], 1);
}

// OGC API - Tiles clients walk collection -> tilesets -> tileset -> tile,
// with the tile addressed {tileMatrix}/{tileRow}/{tileCol}.
TEST(TilesHttp, OgcTilesAddressServesTheSameTile) {
  HttpClient c;
  const json conformance = json::parse(c.get(server().url("/conformance")).body);
  const auto& classes = conformance["conformsTo"];
  for (const char* cls : {"core", "tileset", "tilesets-list", "geodata-tilesets", "mvt"})
    EXPECT_NE(std::find(classes.begin(), classes.end(), std::string("http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/") + cls),
              classes.end())
        << cls;

  const json collection = json::parse(c.get(server().url("/collections/communes")).body);
  std::string tilesets;
  for (const auto& l : collection["links"])
    if (l["rel"] == "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector") tilesets = l["href"];
  ASSERT_EQ(tilesets, server().url("/collections/communes/tiles"));
  const json tileset = json::parse(c.get(server().url("/collections/communes/tiles/WebMercatorQuad")).body);
  EXPECT_EQ(tileset["dataType"], "vector");
  std::string item;
  for (const auto& l : tileset["links"])
    if (l["rel"] == "item") item = l["href"];
  ASSERT_EQ(item, server().url("/collections/communes/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}"));

  // 14/4976/9809 in z/x/y is row 9809, column 4976.
  const auto ogc = c.get(server().url("/collections/communes/tiles/WebMercatorQuad/14/9809/4976?f=mvt"));
  const auto xyz = c.get(server().url(std::string(kSantiagoTile) + ".mvt"));
  ASSERT_EQ(ogc.status, 200);
  EXPECT_EQ(ogc.headers.at("content-type"), "application/vnd.mapbox-vector-tile");
  EXPECT_EQ(ogc.body, xyz.body);
  EXPECT_FALSE(ogc.body.empty());

  EXPECT_EQ(c.get(server().url("/collections/communes/tiles/WorldCRS84Quad/1/0/0")).status, 404);
  EXPECT_EQ(c.get(server().url("/collections/census-zones/tiles/WebMercatorQuad/1/0/0")).status, 200);
  EXPECT_EQ(c.get(server().url("/collections/nowhere/tiles/WebMercatorQuad/1/0/0")).status, 404);
  EXPECT_EQ(c.get(server().url("/collections/communes/tiles/WebMercatorQuad/1/0/0?f=png")).status, 400);
  EXPECT_EQ(c.get(server().url("/collections/communes/tiles/WebMercatorQuad/3/9/0")).status, 400);
}

TEST(TilesHttp, PngPixelInsideACommuneHasItsClassColour) {
  HttpClient c;
  for (const char* suffix : {".png", "@2x.png"}) {
    const auto r = c.get(server().url(std::string(kSantiagoTile) + suffix + "?measure=initiatives"));
    ASSERT_EQ(r.status, 200) << suffix;
    EXPECT_EQ(r.headers.at("content-type"), "image/png");
    const geo::RgbaImage img = geo::decode_png(r.body);
    EXPECT_EQ(img.width, suffix[0] == '.' ? 256 : 512);
    // Santiago has 3 initiatives: class "3-4".
    const auto& classes = layers::palette(layers::Measure::initiatives);
    EXPECT_EQ(img.at(img.width / 2, img.height / 2), classes[3].colour) << suffix;
  }
  const auto none = c.get(server().url(std::string(kSantiagoTile) + ".png?measure=covered&year=1900"));
  EXPECT_EQ(geo::decode_png(none.body).at(128, 128), layers::palette(layers::Measure::covered)[0].colour);
}

TEST(TilesHttp, GdalReadsEveryFeature) {
  HttpClient c;
  const auto r = c.get(server().url("/tiles/territorio/10/311/613.mvt"));
  ASSERT_EQ(r.status, 200);
  const std::size_t expected = [&] {
    std::size_t n = 0;
    for (const auto& l : tiles_test::decode_tile(r.body)) n += l.features.size();
    return n;
  }();
  const fs::path file = fs::temp_directory_path() / ("territorio_tile_" + std::to_string(::getpid()) + ".mvt");
  std::ofstream(file, std::ios::binary) << r.body;
  const auto out = test_support::run_command("ogrinfo -ro -al -q -oo Z=10 -oo X=311 -oo Y=613 " + file.string());
  fs::remove(file);
  ASSERT_EQ(out.exit_code, 0) << out.output;
  std::size_t features = 0;
  for (std::size_t p = out.output.find("OGRFeature("); p != std::string::npos; p = out.output.find("OGRFeature(", p + 1))
    ++features;
  EXPECT_EQ(features, expected);
  EXPECT_EQ(out.output.find("ERROR"), std::string::npos) << out.output.substr(0, 2000);
  // And over HTTP, as a client would.
  const auto vsi = test_support::run_command("ogrinfo -ro -so /vsicurl/" + server().url("/tiles/communes/14/4976/9809.mvt") +
                                             " -oo Z=14 -oo X=4976 -oo Y=9809 communes");
  EXPECT_EQ(vsi.exit_code, 0) << vsi.output;
  EXPECT_NE(vsi.output.find("Feature Count: 1"), std::string::npos) << vsi.output;
}

TEST(TilesHttp, AnImportChangesEtagAndContent) {
  const fs::path dir = fs::temp_directory_path() / ("territorio_tiles_import_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(TERRITORIO_TEST_STORE, dir / "s.sqlite", fs::copy_options::overwrite_existing);
  ServerProcess s((dir / "s.sqlite").string());
  HttpClient c;
  const std::string url = s.url(std::string(kSantiagoTile) + ".mvt");
  const auto before = c.get(url);
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(tiles_test::tile_to_json(before.body)["communes"]["features"][0]["properties"]["initiatives"], 3);
  const std::int64_t generation = test_support::served_generation(c, s);
  std::ofstream(dir / "new.csv") << "id,name,footprint_codes\nz1,Plaza de Armas,13101\n";
  const auto imported = test_support::run_command(std::string(TERRITORIO_BIN) + " import --store " +
                                                  (dir / "s.sqlite").string() + " " + (dir / "new.csv").string());
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  // The server publishes the new generation in the background; then every tile changes at once.
  ASSERT_EQ(test_support::wait_for_generation(c, s, generation + 1), generation + 1);
  const auto after = c.get(url, {{"If-None-Match", before.headers.at("etag")}});
  EXPECT_EQ(after.status, 200);
  EXPECT_NE(after.headers.at("etag"), before.headers.at("etag"));
  EXPECT_EQ(tiles_test::tile_to_json(after.body)["communes"]["features"][0]["properties"]["initiatives"], 4);
  s.stop();
  fs::remove_all(dir);
}

}  // namespace
