// The territorio binary as a user runs it: batch join read back by GDAL's
// ogrinfo, imports refused with clear messages and exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using test_support::run_command;

class Cli : public ::testing::Test {
 protected:
  std::string path(const std::string& name) const { return dir_.path(name); }
  static std::string bin() { return TERRITORIO_BIN; }
  static std::string store() { return TERRITORIO_TEST_STORE; }
  test_support::TempDir dir_{"territorio-cli"};
};

TEST_F(Cli, JoinOf100000PointsOpensInOgrinfo) {
  {
    std::ofstream out(path("points.csv"));
    out << "id,lon,lat\n";
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> lon(-73.5, -69.5), lat(-42.0, -18.5);
    for (int i = 0; i < 100000; ++i) out << i << ',' << lon(rng) << ',' << lat(rng) << '\n';
  }
  auto r = run_command(bin() + " join --store " + store() + " " + path("points.csv") + " " + path("joined.gpkg"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("joined 100000 records"), std::string::npos) << r.output;

  r = run_command("ogrinfo -ro -so -al " + path("joined.gpkg"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Feature Count: 100000"), std::string::npos) << r.output;
  for (const char* field : {"commune_code", "province_code_2007", "region_name_2007", "join_basis"})
    EXPECT_NE(r.output.find(field), std::string::npos) << field;

  // Plaza de Armas in a small CSV round trip, read back by ogrinfo.
  std::ofstream(path("one.csv")) << "name,lon,lat\nplaza,-70.6506,-33.4378\nmar,-75,-33\n";
  r = run_command(bin() + " join --store " + store() + " " + path("one.csv") + " " + path("one.geojson"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_command("ogrinfo -ro -al " + path("one.geojson"));
  EXPECT_NE(r.output.find("commune_code (String) = 13101"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("region_code_2007 (String) = 13"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("join_basis (String) = none"), std::string::npos) << r.output;
}

// The streaming CSV path of `territorio join` writes the bytes of the GDAL
// path (--reader gdal) on 100,000 points, some of them malformed.
TEST_F(Cli, JoinOfACsvStreamsTheBytesOfTheGdalPath) {
  {
    std::ofstream out(path("points.csv"));
    out << "id,lon,lat,label\n";
    std::mt19937_64 rng(18);
    std::uniform_real_distribution<double> lon(-76.0, -66.4), lat(-56.0, -17.5);
    char buf[96];
    for (int i = 0; i < 100000; ++i) {
      if (i == 500) out << "500,abc,-33,bad\n";
      else if (i == 70000) out << "70000,-70.5\n";
      else {
        std::snprintf(buf, sizeof buf, "%d,%.6f,%.6f,%s\n", i, lon(rng), lat(rng), i % 10 ? "p" : "\"a, b\"");
        out << buf;
      }
    }
  }
  auto r = run_command(bin() + " join --store " + store() + " --progress " + path("points.csv") + " " + path("fast.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("joined 100000 records"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("note: line 502: lon 'abc' is not a number (written without a point)"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("note: line 70002: 2 fields where the header has 4"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("joining records: 100000 records, 100 %"), std::string::npos) << r.output;
  r = run_command(bin() + " join --store " + store() + " --reader gdal " + path("points.csv") + " " + path("gdal.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(run_command("cmp " + path("fast.csv") + " " + path("gdal.csv")).exit_code, 0);
  EXPECT_EQ(fs::file_size(path("fast.csv")), fs::file_size(path("gdal.csv")));
  EXPECT_EQ(run_command(bin() + " join --reader csv " + path("points.csv") + " " + path("x.csv")).exit_code, 2);
}

TEST_F(Cli, JoinRefusesAnUnreadableSourceAndAnExistingOutput) {
  std::ofstream(path("junk.gpkg")) << "not a geopackage";
  auto r = run_command(bin() + " join --store " + store() + " " + path("junk.gpkg") + " " + path("out.gpkg"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("GDAL cannot open"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(path("out.gpkg")));
  std::ofstream(path("p.csv")) << "lon,lat\n-70.65,-33.44\n";
  std::ofstream(path("exists.csv")) << "x\n";
  r = run_command(bin() + " join --store " + store() + " " + path("p.csv") + " " + path("exists.csv"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("already exists"), std::string::npos) << r.output;
}

TEST_F(Cli, ImportRefusalExitsOneAndLeavesTheStore) {
  fs::copy_file(store(), path("s.sqlite"));
  std::ofstream(path("bad.csv")) << "id,name,footprint_codes\nz1,Bien,13101\nz2,Mal,13999\n";
  auto r = run_command(bin() + " import --store " + path("s.sqlite") + " " + path("bad.csv"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("nothing was written"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("line 3 (id z2): unknown code 13999"), std::string::npos) << r.output;
  std::ofstream(path("good.csv")) << "id,name,footprint_codes\nz1,Bien,13101\n";
  r = run_command(bin() + " import --store " + path("s.sqlite") + " " + path("good.csv"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("imported 1 initiatives"), std::string::npos) << r.output;
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_command(bin() + " frobnicate").exit_code, 2);
  EXPECT_EQ(run_command(bin() + " join only-one-argument").exit_code, 2);
  EXPECT_EQ(run_command(bin() + " serve --port 99999").exit_code, 2);
  EXPECT_EQ(run_command(bin() + " --help").exit_code, 0);
}

TEST_F(Cli, ServeStopsCleanlyOnSigterm) {
  test_support::ServerProcess server(store());
  EXPECT_GT(server.port(), 0);
  const int status = server.stop();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

}  // namespace
