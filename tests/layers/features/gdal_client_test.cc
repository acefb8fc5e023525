// GDAL's OAPIF driver, a real OGC API - Features client, against the
// running server: ogrinfo lists every collection, ogr2ogr copies every
// commune with its attributes, and -spat / -where select the right subset.
#include <gtest/gtest.h>

#include <cstdio>

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

}  // namespace
