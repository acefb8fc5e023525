// GDAL's OAPIF driver, a real OGC API - Features client, against the
// running server: ogrinfo lists every collection, ogr2ogr copies every
// commune with its attributes, -spat / -where select the right subset, and
// text equality is as exact through the API as in the downloaded GeoPackage.
// GDAL's OGCAPI driver (3.6, Debian 12) opens every collection's map tiles
// as a raster, and GDAL's MVT driver reads every collection's vector tiles.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/server_process.h"

namespace {

using test_support::run_command;

std::string oapif(const test_support::ServerProcess& s) { return "OAPIF:" + s.url("/"); }

int count_of(const std::string& ogrinfo_output) {
  const auto p = ogrinfo_output.find("Feature Count: ");
  return p == std::string::npos ? -1 : std::stoi(ogrinfo_output.substr(p + 15));
}

TEST(GdalOapif, ListsEveryCollection) {
  test_support::ServerProcess server(TERRITORIO_TEST_STORE);
  const auto r = run_command("ogrinfo -ro -q " + oapif(server));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* id : {"1: regions ", "2: provinces ", "3: communes ", "4: regions-2007 ", "5: provinces-2007 ",
                         "6: initiatives ", "7: census-zones "})
    EXPECT_NE(r.output.find(id), std::string::npos) << id << "\n" << r.output;
}

TEST(GdalOapif, Ogr2ogrCopiesEveryCommuneWithAttributes) {
  test_support::ServerProcess server(TERRITORIO_TEST_STORE);
  const std::string out = ::testing::TempDir() + "territorio_oapif_communes.gpkg";
  std::remove(out.c_str());
  const auto copy = run_command("ogr2ogr -f GPKG " + out + " " + oapif(server) + " communes");
  ASSERT_EQ(copy.exit_code, 0) << copy.output;
  const auto info = run_command("ogrinfo -ro -so " + out + " communes");
  // Every commune with a boundary: 345 (Antártica, 12202, has none).
  EXPECT_EQ(count_of(info.output), 345) << info.output;
  for (const char* f : {"code: String", "name: String", "province_code: String", "region_name: String",
                        "population: Integer", "area_km2: Real", "initiatives: Integer"})
    EXPECT_NE(info.output.find(f), std::string::npos) << f << "\n" << info.output;
  const auto with_geometry = run_command("ogrinfo -ro -q " + out + " -sql \"SELECT COUNT(*) AS n FROM communes WHERE geom IS NOT NULL\"");
  EXPECT_NE(with_geometry.output.find("n (Integer) = 345"), std::string::npos) << with_geometry.output;
  const auto valpo = run_command("ogrinfo -ro -q " + out + " communes -where \"code='05101'\"");
  EXPECT_NE(valpo.output.find("name (String) = Valparaíso"), std::string::npos) << valpo.output.substr(0, 800);
  EXPECT_NE(valpo.output.find("population (Integer) = 296655"), std::string::npos);
}

TEST(GdalOapif, SpatialAndAttributeFilters) {
  test_support::ServerProcess server(TERRITORIO_TEST_STORE);
  const auto spat = run_command("ogrinfo -ro -q " + oapif(server) + " communes -spat -71.7 -33.1 -71.5 -32.9");
  ASSERT_EQ(spat.exit_code, 0) << spat.output;
  for (const char* code : {"05101", "05109"}) EXPECT_NE(spat.output.find(std::string("code (String) = ") + code), std::string::npos);
  std::size_t n = 0;
  for (auto p = spat.output.find("OGRFeature("); p != std::string::npos; p = spat.output.find("OGRFeature(", p + 1)) ++n;
  EXPECT_EQ(n, 4u);
  const std::string out = ::testing::TempDir() + "territorio_oapif_region05.gpkg";
  std::remove(out.c_str());
  const auto where = run_command("ogr2ogr -f GPKG " + out + " " + oapif(server) + " communes -where \"region_code = '05'\"");
  ASSERT_EQ(where.exit_code, 0) << where.output;
  EXPECT_EQ(count_of(run_command("ogrinfo -ro -so " + out + " communes").output), 38);
}

// Collections with map tiles, as GDAL 3.6's OGCAPI driver opens them: it
// picks the WorldCRS84Quad map tileset, so the raster is in degrees and
// spans the collection's extent (tiles of matrix 15, 256 px of
// 180 / 2^15 / 256 degrees). -oo CACHE=NO: else GDAL keeps tiles in ./gdalwmscache.
TEST(GdalOgcapi, GdalinfoOpensEveryCollectionsMapTiles) {
  test_support::ServerProcess server(TERRITORIO_TEST_STORE);
  struct Case {
    const char* id;
    const char* size;
    const char* origin;
  };
  const char* units_origin = "Origin = (-109.453890323638916,-17.497766017913818)";
  for (const Case& c : {Case{"regions", "Size is 2005590, 1793402", units_origin},
                        Case{"provinces", "Size is 2005590, 1793402", units_origin},
                        Case{"communes", "Size is 2005590, 1793402", units_origin},
                        Case{"regions-2007", "Size is 2005590, 1793402", units_origin},
                        Case{"provinces-2007", "Size is 2005590, 1793402", units_origin},
                        // The initiatives' extent: their footprints, Rapa Nui to Aysén.
                        Case{"initiatives", "Size is 1889200, 1418503", units_origin},
                        Case{"census-zones", "Size is 1948817, 1712132",
                             "Origin = (-109.422605037689209,-18.197414875030518)"}}) {
    const auto r = run_command("gdalinfo -oo CACHE=NO OGCAPI:" + server.url(std::string("/collections/") + c.id));
    ASSERT_EQ(r.exit_code, 0) << c.id << "\n" << r.output;
    EXPECT_NE(r.output.find("Driver: OGCAPI/OGCAPI"), std::string::npos) << c.id;
    EXPECT_NE(r.output.find(c.size), std::string::npos) << c.id << "\n" << r.output.substr(0, 600);
    EXPECT_NE(r.output.find(c.origin), std::string::npos) << c.id;
    EXPECT_NE(r.output.find("Pixel Size = (0.000021457672119,-0.000021457672119)"), std::string::npos) << c.id;
    EXPECT_NE(r.output.find("ID[\"OGC\",\"CRS84\"]"), std::string::npos) << c.id;
    for (const char* band : {"Band 1 Block=128x128 Type=Byte, ColorInterp=Red", "Band 2 Block=128x128 Type=Byte, ColorInterp=Green",
                             "Band 3 Block=128x128 Type=Byte, ColorInterp=Blue", "Band 4 Block=128x128 Type=Byte, ColorInterp=Alpha"})
      EXPECT_NE(r.output.find(band), std::string::npos) << c.id << " " << band;
    EXPECT_EQ(r.output.find("Band 5"), std::string::npos) << c.id;
    EXPECT_EQ(r.output.find("ERROR"), std::string::npos) << c.id << "\n" << r.output.substr(0, 600);
  }
}

// And GDAL reads the pixels: a 120 px wide copy of the communes map holds
// the choropleth's colours where Chile is and transparency elsewhere.
TEST(GdalOgcapi, GdalTranslateReadsTheMapTiles) {
  test_support::ServerProcess server(TERRITORIO_TEST_STORE);
  const std::string out = ::testing::TempDir() + "territorio_ogcapi_communes.tif";
  std::remove(out.c_str());
  const auto copy = run_command("gdal_translate -q -oo CACHE=NO -outsize 120 0 OGCAPI:" + server.url("/collections/communes") +
                                " " + out);
  ASSERT_EQ(copy.exit_code, 0) << copy.output;
  const auto info = run_command("gdalinfo -stats " + out);
  EXPECT_NE(info.output.find("Size is 120, 107"), std::string::npos) << info.output.substr(0, 400);
  // Alpha: opaque over the communes only (Chile is a sliver of its box, which reaches Rapa Nui).
  const auto alpha = info.output.find("Band 4");
  ASSERT_NE(alpha, std::string::npos);
  EXPECT_NE(info.output.find("Minimum=0.000, Maximum=255.000", alpha), std::string::npos) << info.output.substr(alpha, 300);
  std::remove(out.c_str());
  std::remove((out + ".aux.xml").c_str());
}

// Vector tiles of every collection through GDAL's MVT driver, one tile
// around Santiago (z 5, x 9, y 19): layer names and feature counts. GDAL
// 3.6's OGCAPI driver itself cannot read vector tiles: Debian's build lacks
// that part of the driver (fixed in GDAL 3.7.1), so `ogrinfo OGCAPI:` opens
// a collection through its items (-oo API=ITEMS), checked below.
TEST(GdalOgcapi, OgrinfoReadsEveryCollectionsVectorTiles) {
  test_support::ServerProcess server(TERRITORIO_TEST_STORE);
  struct Case {
    const char* id;
    std::vector<std::pair<std::string, int>> layers;
  };
  for (const Case& c : {Case{"regions", {{"regions", 10}}}, Case{"provinces", {{"provinces", 33}}},
                        Case{"communes", {{"communes", 263}}}, Case{"regions-2007", {{"regions-2007", 9}}},
                        Case{"provinces-2007", {{"provinces-2007", 31}}},
                        Case{"initiatives", {{"initiative_footprints", 22}, {"initiatives", 22}}},
                        Case{"census-zones", {{"census-zones", 4069}}}}) {
    const auto r = run_command("ogrinfo -ro -so -al -oo Z=5 -oo X=9 -oo Y=19 /vsicurl_streaming/" +
                               server.url(std::string("/tiles/") + c.id + "/5/9/19.mvt"));
    ASSERT_EQ(r.exit_code, 0) << c.id << "\n" << r.output;
    std::size_t at = 0;
    for (const auto& [name, count] : c.layers) {
      at = r.output.find("Layer name: " + name + "\n", at);
      ASSERT_NE(at, std::string::npos) << c.id << " " << name << "\n" << r.output;
      EXPECT_EQ(count_of(r.output.substr(at)), count) << c.id << " " << name;
    }
    EXPECT_EQ(r.output.find("ERROR"), std::string::npos) << c.id;
  }
}

TEST(GdalOgcapi, OgrinfoOpensEveryCollectionThroughItsItems) {
  test_support::ServerProcess server(TERRITORIO_TEST_STORE);
  for (const auto& [id, count] : std::vector<std::pair<std::string, int>>{{"regions", 16},
                                                                         {"provinces", 56},
                                                                         {"communes", 345},
                                                                         {"regions-2007", 15},
                                                                         {"provinces-2007", 54},
                                                                         {"initiatives", 29},
                                                                         {"census-zones", 4865}}) {
    const auto r = run_command("ogrinfo -ro -so -al -oo API=ITEMS OGCAPI:" + server.url("/collections/" + id));
    ASSERT_EQ(r.exit_code, 0) << id << "\n" << r.output;
    EXPECT_NE(r.output.find("Layer name: " + id + "\n"), std::string::npos) << id;
    EXPECT_EQ(count_of(r.output), count) << id;
  }
}

std::size_t features_in(const std::string& ogrinfo_output) {
  std::size_t n = 0;
  for (auto p = ogrinfo_output.find("OGRFeature("); p != std::string::npos; p = ogrinfo_output.find("OGRFeature(", p + 1)) ++n;
  return n;
}

// Equality on text is exact on the server as in a downloaded file: GDAL
// gets from the API what it gets from the GeoPackage of the same layer.
TEST(GdalOapif, TextEqualityIsExactAsInTheDownload) {
  test_support::ServerProcess server(TERRITORIO_TEST_STORE);
  const std::string gpkg = ::testing::TempDir() + "territorio_oapif_exact.gpkg";
  std::remove(gpkg.c_str());
  const auto copy = run_command("curl -sf -o " + gpkg + " '" + server.url("/collections/communes/items?f=gpkg&limit=10000") + "'");
  ASSERT_EQ(copy.exit_code, 0) << copy.output;
  for (const auto& [where, expected] : std::vector<std::pair<std::string, std::size_t>>{
           {"name = 'Nunoa'", 0}, {"name = 'ñuñoa'", 0}, {"name = 'Ñuñoa'", 1}, {"region_name = 'Valparaiso'", 0},
           {"region_name = 'Valparaíso'", 38}}) {
    const auto api = run_command("ogrinfo -ro -q " + oapif(server) + " communes -where \"" + where + "\"");
    ASSERT_EQ(api.exit_code, 0) << api.output;
    const auto file = run_command("ogrinfo -ro -q " + gpkg + " communes -where \"" + where + "\"");
    ASSERT_EQ(file.exit_code, 0) << file.output;
    EXPECT_EQ(features_in(api.output), expected) << where;
    EXPECT_EQ(features_in(file.output), expected) << where;
  }
}

}  // namespace
