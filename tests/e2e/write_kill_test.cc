// Writes streamed into a server that is killed with SIGKILL at random
// moments, 20 times: after each restart every acknowledged write is there,
// whole (its joined units and its audit row with it), nothing else is half
// there, and the store passes PRAGMA integrity_check.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <random>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "geo/sqlite/sqlite_db.h"
#include "tests/layers/edit/write_fixture.h"

namespace {

using nlohmann::json;
using test_support::bearer;

constexpr int kKills = 20;

// Biobío communes the writes spread over.
const std::vector<std::string> kCommunes = {"08101", "08102", "08103", "08104", "08105", "08106", "08107", "08108"};

TEST(WriteKill, AcknowledgedWritesSurviveSigkill) {
  test_support::TempDir dir("territorio-write-kill");
  test_support::WriteServer first(dir.path(""));
  const std::string store = first.store(), token = first.biobio;
  first.server.reset();
  std::mt19937 random(20261206);
  std::map<std::string, std::string> acknowledged;  // id -> commune
  int sent = 0;
  for (int round = 0; round < kKills; ++round) {
    test_support::ServerProcess server(store, {"--write-burst", "100000", "--write-rate", "1000000"});
    std::atomic<bool> stop{false};
    std::map<std::string, std::string> acked_now;
    std::thread writer([&] {
      test_support::HttpClient client;
      while (!stop) {
        const std::string id = "k" + std::to_string(sent++);
        const std::string commune = kCommunes[static_cast<std::size_t>(sent) % kCommunes.size()];
        try {
          const auto r = client.request("POST", server.url("/collections/initiatives/items"),
                                        test_support::feature_body(id, "Escrita " + id, commune),
                                        bearer(token, {{"Content-Type", "application/geo+json"}}));
          if (r.status == 201) acked_now[id] = commune;
          else if (r.status != 0) ADD_FAILURE() << id << ": " << r.status << " " << r.body;
        } catch (const std::exception&) {
          return;  // the server died under the request: not acknowledged
        }
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(300, 1500)(random)));
    server.kill_now();
    stop = true;
    writer.join();
    acknowledged.insert(acked_now.begin(), acked_now.end());
  }
  ASSERT_GE(acknowledged.size(), static_cast<std::size_t>(kKills)) << "the rounds wrote something";

  {
    geo::Database db(store, geo::Database::Mode::read_write_create);  // rolls back a hot journal
    auto check = db.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.step());
    EXPECT_EQ(check.text(0), "ok");
    // Whole records only: each has its units (a commune, province and
    // region in both divisions) and exactly one audit row.
    auto partial = db.prepare(
        "SELECT count(*) FROM initiatives i WHERE i.id LIKE 'k%' AND ("
        "(SELECT count(*) FROM initiative_units u WHERE u.initiative_id = i.id) <> 6 OR "
        "(SELECT count(*) FROM audit a WHERE a.feature_id = i.id) <> 1)");
    ASSERT_TRUE(partial.step());
    EXPECT_EQ(partial.integer(0), 0);
    auto orphans = db.prepare("SELECT count(*) FROM audit a WHERE a.feature_id LIKE 'k%' AND "
                              "NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.id = a.feature_id)");
    ASSERT_TRUE(orphans.step());
    EXPECT_EQ(orphans.integer(0), 0) << "no audit row without its write";
  }

  test_support::ServerProcess server(store);
  test_support::HttpClient client;
  for (const auto& [id, commune] : acknowledged) {
    const auto r = client.get(server.url("/collections/initiatives/items/" + id));
    ASSERT_EQ(r.status, 200) << "acknowledged write " << id << " is lost";
    EXPECT_EQ(json::parse(r.body)["properties"]["commune_codes"], commune) << id;
  }
}

}  // namespace
