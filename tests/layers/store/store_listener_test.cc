// A PostgreSQL store's listener (store_listener.h), against a copy of the
// fixture database: it calls back once connected and at each commit of
// another connection, reports the generation it connected at, and when its
// connection is cut (its server process ended, as by a restart) it says so
// and connects again by itself, calling back once more.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "geo/postgres/pg_connection.h"
#include "layers/store/store.h"
#include "layers/store/store_listener.h"
#include "tests/support/pg_database.h"

namespace {

using namespace std::chrono_literals;

// Polls `done` for up to 20 s; whether it became true.
template <class F>
bool eventually(F done) {
  for (int i = 0; i < 2000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

TEST(PostgresStoreListener, HearsCommitsAndConnectsAgainAfterItsConnectionIsCut) {
  if (test_support::test_pg().empty()) GTEST_FAIL() << test_support::kNoPg;
  test_support::PgDatabase db(test_support::PgDatabase::From::fixture);
  std::atomic<int> calls{0};
  std::vector<std::string> log;
  std::mutex log_mutex;
  layers::StoreListener::Options options;
  options.log = [&](const std::string& line) {
    std::lock_guard lock(log_mutex);
    log.push_back(line);
  };
  layers::StoreListener listener(db.locator(), [&] { ++calls; }, options);
  ASSERT_TRUE(listener.health().connected);  // the constructor connected
  EXPECT_EQ(listener.health().generation_at_connect, 2);
  EXPECT_EQ(listener.health().connects, 1u);
  ASSERT_TRUE(eventually([&] { return calls >= 1; }));

  const auto store = layers::Store::open(db.locator(), layers::Store::Access::write);
  const int before = calls;
  {
    layers::Store::Transaction tx(*store);
    store->advance_generation();
    tx.commit();  // notifies generation 3
  }
  EXPECT_TRUE(eventually([&] { return calls > before; }));

  // Every other connection to this database ends, the listener's with them.
  geo::PgConnection admin(db.locator());
  const int before_cut = calls;
  const auto ended = admin.exec("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                                "datname = current_database() AND pid <> pg_backend_pid()");
  ASSERT_GE(ended.integer(0, 0), 1);
  ASSERT_TRUE(eventually([&] { return listener.health().connects == 2 && listener.health().connected; }));
  EXPECT_EQ(listener.health().generation_at_connect, 3);
  EXPECT_TRUE(eventually([&] { return calls > before_cut; }));  // it looks again after connecting
  std::lock_guard lock(log_mutex);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_NE(log[0].find("lost the connection"), std::string::npos) << log[0];
  EXPECT_NE(log[1].find("again, at generation 3"), std::string::npos) << log[1];
}

}  // namespace
