// The same store on PostgreSQL/PostGIS, end to end through the real binary:
// the bundled data built into both stores (the fixture store and its twin
// territorio_fixture, each by `territorio build`) serves byte-identical
// items, features, vector tiles and coverage; and a write through a server
// on PostgreSQL, with a token made by `territorio token create`, survives
// the server's restart and is in the audit trail; two servers on one
// database agree: a write through one is served by the other.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "tests/layers/edit/write_fixture.h"
#include "tests/support/generation_wait.h"
#include "tests/support/pg_database.h"

namespace {

using test_support::HttpClient;
using test_support::ServerProcess;

// The same public URL for both servers: their links are then the same bytes.
const std::vector<std::string> kArgs = {"--public-url", "http://territorio.test"};

// An items page says when it was answered: the two answers may straddle a
// second, so that one value is set aside before the bytes are compared.
std::string without_time_stamp(const std::string& body) {
  static const std::regex stamp("\"timeStamp\":\"[0-9T:Z-]+\"");
  return std::regex_replace(body, stamp, "\"timeStamp\":\"\"");
}

TEST(PostgresServe, TheBundledDataServesTheSameBytesAsSpatiaLite) {
  TERRITORIO_REQUIRE_STORE(test_support::StoreKind::postgres);
  test_support::TempDir dir("territorio-pg-bytes");
  const test_support::FixtureCopy file(test_support::StoreKind::spatialite, dir);
  const test_support::FixtureCopy pg(test_support::StoreKind::postgres, dir);
  ServerProcess on_file(file.locator(), kArgs), on_pg(pg.locator(), kArgs);
  HttpClient client;
  const std::vector<std::string> sample = {
      "/collections/initiatives/items?limit=10",
      "/collections/initiatives/items?limit=10&offset=10",
      "/collections/initiatives/items?filter=year%20%3E%3D%202015%20AND%20area%20%3D%20%27Social%27",
      "/collections/initiatives/items/126",
      "/collections/communes/items?limit=5&offset=100",
      "/tiles/communes/5/9/19.mvt",
      "/tiles/communes/7/38/78.mvt",
      "/tiles/initiatives/6/19/39.mvt",
      "/tiles/initiatives/8/77/153.mvt",
      "/coverage?level=region",
      "/coverage?level=commune&within=08",
  };
  for (const std::string& path : sample) {
    auto a = client.get(on_file.url(path)), b = client.get(on_pg.url(path));
    EXPECT_EQ(a.status, 200) << path << ": " << a.body.substr(0, 300);
    EXPECT_EQ(b.status, 200) << path << ": " << b.body.substr(0, 300);
    EXPECT_GT(a.body.size(), 100u) << path;
    EXPECT_TRUE(without_time_stamp(a.body) == without_time_stamp(b.body)) << path << ": " << a.body.size() << " bytes from SpatiaLite, " << b.body.size()
                                  << " from PostGIS";
  }
}

TEST(PostgresServe, AWriteWithACliTokenSurvivesARestart) {
  TERRITORIO_REQUIRE_STORE(test_support::StoreKind::postgres);
  test_support::TempDir dir("territorio-pg-write");
  const test_support::FixtureCopy pg(test_support::StoreKind::postgres, dir);
  const std::string store = pg.locator();
  const auto created = test_support::run_command("(" + std::string(TERRITORIO_BIN) + " token create --name 'GORE Biobío' " +
                                                 "--region 08 --store '" + store + "' 2>/dev/null)");
  ASSERT_EQ(created.exit_code, 0) << created.output;
  const std::string bearer = created.output.substr(0, created.output.find('\n'));
  ASSERT_EQ(bearer.substr(0, 4), "trt_") << created.output;

  HttpClient client;
  {
    ServerProcess server(store, kArgs);
    auto posted = client.post(server.url("/collections/initiatives/items"),
                                    test_support::feature_body("pg-1", "Primera"), "application/geo+json",
                                    test_support::bearer(bearer));
    ASSERT_EQ(posted.status, 201) << posted.body;
    EXPECT_EQ(posted.headers["etag"].substr(0, 6), "W/\"r3-") << posted.headers["etag"];
    auto patched = client.request("PATCH", server.url("/collections/initiatives/items/pg-1"),
                                        R"({"properties":{"name":"Segunda"}})",
                                        test_support::bearer(bearer, {{"Content-Type", "application/merge-patch+json"},
                                                                      {"If-Match", "W/\"r3\""}}));
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.headers["etag"].substr(0, 6), "W/\"r4-") << patched.headers["etag"];
    EXPECT_EQ(server.stop(), 0);
  }
  ServerProcess again(store, kArgs);
  auto read = client.get(again.url("/collections/initiatives/items/pg-1"));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_NE(read.body.find("\"name\":\"Segunda\""), std::string::npos) << read.body;
  EXPECT_EQ(read.headers["etag"].substr(0, 6), "W/\"r4-") << "the revision the patch wrote";
  const auto audit = test_support::run_command(std::string(TERRITORIO_BIN) + " audit --store '" + store + "'");
  ASSERT_EQ(audit.exit_code, 0) << audit.output;
  EXPECT_NE(audit.output.find("create    " + bearer.substr(4, 12)), std::string::npos) << audit.output;
  EXPECT_NE(audit.output.find("update    " + bearer.substr(4, 12)), std::string::npos) << audit.output;
}

TEST(PostgresServe, TwoServersOnOneDatabaseServeEachOthersWrites) {
  TERRITORIO_REQUIRE_STORE(test_support::StoreKind::postgres);
  test_support::TempDir dir("territorio-pg-two");
  const test_support::FixtureCopy pg(test_support::StoreKind::postgres, dir);
  const auto created = test_support::run_command("(" + std::string(TERRITORIO_BIN) + " token create --name A " +
                                                 "--role admin --store '" + pg.locator() + "' 2>/dev/null)");
  ASSERT_EQ(created.exit_code, 0) << created.output;
  const std::string bearer = created.output.substr(0, created.output.find('\n'));
  ServerProcess one(pg.locator(), kArgs), two(pg.locator(), kArgs);
  HttpClient client;
  const auto posted = client.post(one.url("/collections/initiatives/items"), test_support::feature_body("pg-2", "Otra"),
                                  "application/geo+json", test_support::bearer(bearer));
  ASSERT_EQ(posted.status, 201) << posted.body;
  // The other server notices the database's new generation and reloads.
  EXPECT_EQ(test_support::wait_for_generation(client, two, 3), 3);
  const auto a = client.get(one.url("/collections/initiatives/items/pg-2"));
  const auto b = client.get(two.url("/collections/initiatives/items/pg-2"));
  EXPECT_EQ(b.status, 200) << b.body;
  EXPECT_TRUE(a.body == b.body);
}

}  // namespace
