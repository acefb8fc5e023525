#pragma once
// Stores of both kinds for tests that run against both: a copy of the
// fixture store as a file, or as a database of the test PostgreSQL server
// (TERRITORIO_TEST_PG, a postgresql:// URI of its maintenance database:
// scripts/test starts one; by hand, eval "$(scripts/test_pg start)").
// A database is a copy of territorio_fixture (built once per ctest run by
// the test build_fixture_pg) or empty, and is dropped afterwards.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "geo/postgres/pg_connection.h"
#include "tests/support/temp_dir.h"

namespace test_support {

inline constexpr const char* kPgFixture = "territorio_fixture";
inline constexpr const char* kNoPg =
    "TERRITORIO_TEST_PG is not set: the PostgreSQL store's tests need a server. Run scripts/test, or "
    "eval \"$(scripts/test_pg start)\" before ctest (scripts/test_pg stop afterwards)";

// The URI of the test server's maintenance database, or "" when unset.
inline std::string test_pg() {
  const char* uri = std::getenv("TERRITORIO_TEST_PG");
  return uri ? uri : "";
}

// The same server URI naming another database.
inline std::string with_database(const std::string& uri, const std::string& db) {
  return uri.substr(0, uri.rfind('/') + 1) + db;
}

class PgDatabase {
 public:
  enum class From { fixture, empty };
  explicit PgDatabase(From from) : server_(test_pg()) {
    static std::atomic<int> counter{0};
    name_ = "t_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    geo::PgConnection admin(server_);
    admin.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    admin.exec("CREATE DATABASE " + name_ + (from == From::fixture ? std::string(" TEMPLATE ") + kPgFixture : ""));
    locator_ = with_database(server_, name_);
  }
  ~PgDatabase() {
    try {
      geo::PgConnection admin(server_);
      admin.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
      // A database left behind goes with the test cluster.
    }
  }
  PgDatabase(const PgDatabase&) = delete;
  PgDatabase& operator=(const PgDatabase&) = delete;
  const std::string& locator() const { return locator_; }

 private:
  std::string server_, name_, locator_;
};

enum class StoreKind { spatialite, postgres };

inline std::string store_kind_name(const ::testing::TestParamInfo<StoreKind>& info) {
  return info.param == StoreKind::spatialite ? "spatialite" : "postgres";
}

// A copy of the fixture store of one kind, for one test; locator() is what
// --store and the layers take. Fails the test (with how to run it) when a
// PostgreSQL store is asked for and no server is configured.
class FixtureCopy {
 public:
  FixtureCopy(StoreKind kind, const TempDir& dir) {
    if (kind == StoreKind::spatialite) {
      locator_ = dir.path("store.sqlite");
      std::filesystem::copy_file(TERRITORIO_TEST_STORE, locator_);
      return;
    }
    if (test_pg().empty()) return;
    pg_ = std::make_unique<PgDatabase>(PgDatabase::From::fixture);
    locator_ = pg_->locator();
  }
  // Empty when no store could be made (then the test has failed).
  const std::string& locator() const { return locator_; }

 private:
  std::unique_ptr<PgDatabase> pg_;
  std::string locator_;
};

}  // namespace test_support

// In a fixture's SetUp: fails the test, saying how to run it, when it asks
// for a PostgreSQL store with no server configured.
#define TERRITORIO_REQUIRE_STORE(kind)                                                                   \
  do {                                                                                                   \
    if ((kind) == test_support::StoreKind::postgres && test_support::test_pg().empty()) GTEST_FAIL() << test_support::kNoPg; \
  } while (0)
