// Registry routes (territories, coverage, statistics) answer revalidations
// with 304 before doing the work, and an import changes their ETag.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/support/generation_wait.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test_support::HttpClient;
using test_support::ServerProcess;

TEST(SnapshotEtag, RevalidationIs304AndAnImportChangesTheTag) {
  const fs::path dir = fs::temp_directory_path() / ("territorio_snapshot_etag_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(TERRITORIO_TEST_STORE, dir / "s.sqlite", fs::copy_options::overwrite_existing);
  ServerProcess s((dir / "s.sqlite").string());
  HttpClient c;
  const std::string coverage = s.url("/coverage?level=commune&within=13");
  const auto first = c.get(coverage);
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.headers.at("etag");
  EXPECT_EQ(etag.rfind("W/\"", 0), 0u) << etag;
  EXPECT_EQ(first.headers.at("cache-control"), "no-cache");

  const auto again = c.get(coverage, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.headers.at("etag"), etag);

  // Another query, another tag; errors carry none.
  const auto other = c.get(s.url("/coverage?level=commune&within=05"), {{"If-None-Match", etag}});
  EXPECT_EQ(other.status, 200);
  EXPECT_NE(other.headers.at("etag"), etag);
  const auto bad = c.get(s.url("/coverage?level=county"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.headers.count("etag"), 0u);
  EXPECT_EQ(c.get(s.url("/territories/13101")).headers.count("etag"), 1u);

  // Three initiatives act on units enclosing Santiago (13101); an import adds one in it.
  const auto total_of_santiago = [](const std::string& body) {
    const json doc = json::parse(body);
    for (const auto& u : doc["units"])
      if (u["code"] == "13101") return u["total"].get<std::size_t>();
    return std::size_t{0};
  };
  EXPECT_EQ(total_of_santiago(first.body), 3u);
  const std::int64_t generation = test_support::served_generation(c, s);
  std::ofstream(dir / "new.csv") << "id,name,footprint_codes\nz1,Plaza de Armas,13101\n";
  const auto imported = test_support::run_command(std::string(TERRITORIO_BIN) + " import --store " +
                                                  (dir / "s.sqlite").string() + " " + (dir / "new.csv").string());
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  // The server publishes the new generation in the background.
  ASSERT_EQ(test_support::wait_for_generation(c, s, generation + 1), generation + 1);
  const auto after = c.get(coverage, {{"If-None-Match", etag}});
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.headers.at("etag"), etag);
  EXPECT_EQ(total_of_santiago(after.body), 4u);
  s.stop();
  fs::remove_all(dir);
}

}  // namespace
