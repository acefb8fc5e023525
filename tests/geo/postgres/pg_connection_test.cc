// A libpq connection through an outage (geo/postgres/pg_connection.h),
// against the test PostgreSQL server: a server that is not there is
// PgUnavailable at once; a connection whose server process ended while it
// sat idle connects again before its next statement; one that was inside a
// transaction stays lost (nothing of a broken transaction is resent on its
// own) until reconnect(); a listener hears another connection's NOTIFY and
// learns at once that its connection was cut. Server processes are ended
// with pg_terminate_backend, as a restart ends them.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "geo/error.h"
#include "geo/postgres/pg_connection.h"
#include "tests/support/pg_database.h"

namespace {

using namespace std::chrono_literals;

class PostgresConnection : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test_support::test_pg().empty()) GTEST_FAIL() << test_support::kNoPg;
    admin_ = std::make_unique<geo::PgConnection>(test_support::test_pg());
  }
  static std::string backend(geo::PgConnection& c) { return c.exec("SELECT pg_backend_pid()").text(0, 0); }
  // Ends a connection's server process and waits (bounded) until it is gone.
  void terminate(const std::string& pid) {
    admin_->exec("SELECT pg_terminate_backend(" + pid + ")");
    for (int i = 0; i < 200; ++i) {
      if (admin_->exec("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid).text(0, 0) == "0") return;
      std::this_thread::sleep_for(10ms);
    }
    FAIL() << "backend " << pid << " did not end";
  }
  std::unique_ptr<geo::PgConnection> admin_;
};

TEST_F(PostgresConnection, NoServerIsUnavailable) {
  // Port 1: nothing listens, the connection is refused at once.
  EXPECT_THROW(geo::PgConnection("postgresql://postgres@127.0.0.1:1/postgres"), geo::PgUnavailable);
}

TEST_F(PostgresConnection, AnIdleConnectionWhoseServerProcessEndedConnectsAgain) {
  // Many rounds: the server's goodbye and the socket's close reach the
  // client a little apart, and each order must end in a new session.
  geo::PgConnection c(test_support::test_pg());
  for (int round = 0; round < 25; ++round) {
    const std::string before = backend(c);
    c.query("SELECT $1::int + 1", {geo::PgValue::integer(1)});  // prepared on the old session
    terminate(before);
    ASSERT_EQ(c.query("SELECT $1::int + 1", {geo::PgValue::integer(round)}).text(0, 0), std::to_string(round + 1));
    EXPECT_NE(backend(c), before);
    EXPECT_FALSE(c.lost());
  }
}

TEST_F(PostgresConnection, AConnectionLostInATransactionStaysLostUntilReconnected) {
  geo::PgConnection c(test_support::test_pg());
  c.exec("BEGIN");
  terminate(backend(c));
  EXPECT_THROW(c.exec("SELECT 1"), geo::PgUnavailable);
  EXPECT_TRUE(c.lost());
  // The rest of the broken transaction is never run on a new session.
  EXPECT_THROW(c.exec("SELECT 1"), geo::PgUnavailable);
  c.reconnect();
  EXPECT_FALSE(c.lost());
  EXPECT_EQ(c.exec("SELECT 1").text(0, 0), "1");
}

TEST_F(PostgresConnection, AListenerHearsANotifyAndItsCutConnection) {
  geo::PgConnection listener(test_support::test_pg());
  listener.listen("territorio_test");
  EXPECT_FALSE(listener.wait_notification(10ms).has_value());
  admin_->exec("NOTIFY territorio_test, '42'");
  std::optional<std::string> heard;
  for (int i = 0; i < 100 && !heard; ++i) heard = listener.wait_notification(100ms);
  ASSERT_TRUE(heard.has_value());
  EXPECT_EQ(*heard, "42");
  terminate(backend(listener));
  bool cut = false;
  for (int i = 0; i < 100 && !cut; ++i) {
    try {
      listener.wait_notification(100ms);
    } catch (const geo::PgUnavailable&) {
      cut = true;
    }
  }
  EXPECT_TRUE(cut);
  EXPECT_TRUE(listener.lost());
}

}  // namespace
