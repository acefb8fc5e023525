// Replicas over PostgreSQL when their database goes away and comes back,
// through the real binary. The shared test server must stay up for the
// other tests, so the outage is of this test's database alone: its
// connections are ended (as a restart ends them) and new ones refused
// (ALLOW_CONNECTIONS false), then allowed again. Meanwhile reads answer
// from the last snapshot, a write answers 503 with a problem body and
// Retry-After, /readyz 503 with the generation served; afterwards, without
// a restart, /readyz answers 200 again, the first write succeeds and the
// other replica shows it. (tests/e2e/cluster_test.sh stops a whole server.)
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/postgres/pg_connection.h"
#include "tests/layers/edit/write_fixture.h"
#include "tests/support/generation_wait.h"
#include "tests/support/pg_database.h"

namespace {

using namespace std::chrono_literals;
using test_support::HttpClient;
using test_support::ServerProcess;

std::string database_of(const std::string& locator) { return locator.substr(locator.rfind('/') + 1); }

// Polls a replica's /readyz for up to 30 s until it answers `status`.
long wait_for_readiness(HttpClient& client, const ServerProcess& server, long status) {
  long seen = 0;
  for (int i = 0; i < 600; ++i) {
    seen = client.get(server.url("/readyz")).status;
    if (seen == status) break;
    std::this_thread::sleep_for(50ms);
  }
  return seen;
}

TEST(PostgresOutage, ReadsGoOnWritesAnswer503AndTheReplicasRecoverWithoutARestart) {
  TERRITORIO_REQUIRE_STORE(test_support::StoreKind::postgres);
  test_support::TempDir dir("territorio-pg-outage");
  const test_support::FixtureCopy pg(test_support::StoreKind::postgres, dir);
  const auto created = test_support::run_command("(" + std::string(TERRITORIO_BIN) + " token create --name A " +
                                                 "--role admin --store '" + pg.locator() + "' 2>/dev/null)");
  ASSERT_EQ(created.exit_code, 0) << created.output;
  const std::string bearer = created.output.substr(0, created.output.find('\n'));
  ServerProcess one(pg.locator()), two(pg.locator());
  HttpClient client;
  const auto post = [&](const ServerProcess& server, const std::string& id) {
    return client.post(server.url("/collections/initiatives/items"), test_support::feature_body(id, "Una"),
                       "application/geo+json", test_support::bearer(bearer));
  };
  ASSERT_EQ(post(one, "before").status, 201);
  ASSERT_EQ(test_support::wait_for_generation(client, two, 3), 3);

  const std::string db = database_of(pg.locator());
  geo::PgConnection admin(test_support::test_pg());
  admin.exec("ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
  admin.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");

  for (const ServerProcess* server : {&one, &two}) {
    ASSERT_EQ(wait_for_readiness(client, *server, 503), 503);
    const auto ready = client.get(server->url("/readyz"));
    EXPECT_EQ(ready.status, 503);
    const auto body = nlohmann::json::parse(ready.body);
    EXPECT_EQ(body.at("status"), "not ready");
    EXPECT_EQ(body.at("generation"), 3) << ready.body;
    const auto read = client.get(server->url("/collections/initiatives/items/before"));
    EXPECT_EQ(read.status, 200);
    const auto tile = client.get(server->url("/tiles/communes/5/9/19.mvt"));
    EXPECT_EQ(tile.status, 200);
  }
  auto refused = post(two, "during");
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.headers["content-type"], "application/problem+json");
  EXPECT_EQ(refused.headers["retry-after"], "5");
  const auto problem = nlohmann::json::parse(refused.body);
  EXPECT_EQ(problem.at("status"), 503);
  EXPECT_EQ(problem.at("detail"), "the registry's database cannot be reached right now: try again shortly");
  // A history needs the database too.
  EXPECT_EQ(client.get(one.url("/collections/initiatives/items/before/history")).status, 503);

  admin.exec("ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
  EXPECT_EQ(wait_for_readiness(client, one, 200), 200);
  EXPECT_EQ(wait_for_readiness(client, two, 200), 200);
  // The first write after the outage: the writer's and the token reader's
  // connections were ended; they are replaced, not reported.
  const auto after = post(two, "after");
  EXPECT_EQ(after.status, 201) << after.body;
  EXPECT_EQ(test_support::wait_for_generation(client, one, 4), 4);
  EXPECT_EQ(client.get(one.url("/collections/initiatives/items/after")).status, 200);
  EXPECT_EQ(client.get(one.url("/collections/initiatives/items/during")).status, 404);
}

}  // namespace
