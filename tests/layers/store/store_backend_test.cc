// The Store interface on both implementations (a SpatiaLite file and a
// PostgreSQL database), on a copy of the fixture store: the same records
// come back from both, a savepoint undoes its write alone inside a
// transaction, an uncommitted transaction leaves nothing, and tokens and
// the audit trail read back as written.
#include <gtest/gtest.h>

#include "layers/errors.h"
#include "layers/store/store.h"
#include "tests/support/pg_database.h"
#include "tests/support/temp_dir.h"

namespace {

using test_support::StoreKind;

class StoreBackend : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override {
    TERRITORIO_REQUIRE_STORE(GetParam());
    copy_ = std::make_unique<test_support::FixtureCopy>(GetParam(), dir_);
    store_ = layers::Store::open(copy_->locator(), layers::Store::Access::write);
  }
  layers::StoredInitiative record(const std::string& id) {
    auto found = store_->read_initiatives(std::string("126"));
    auto s = std::move(found.at(0));
    s.initiative.id = id;
    return s;
  }
  layers::AuditRow audit(std::int64_t generation, const std::string& id, const std::string& token) {
    layers::AuditRow row;
    row.generation = generation;
    row.time = "2099-01-01T10:00:0" + std::to_string(generation % 10) + "Z";
    row.token_id = token;
    row.token_name = "tester";
    row.operation = "create";
    row.feature_id = id;
    row.after = "{\"id\":\"" + id + "\"}";
    return row;
  }

  test_support::TempDir dir_{"territorio-store-backend"};
  std::unique_ptr<test_support::FixtureCopy> copy_;
  std::unique_ptr<layers::Store> store_;
};

TEST_P(StoreBackend, TheFixtureReadsBackWhole) {
  EXPECT_EQ(store_->generation(), 2);
  const auto units = store_->load_units();
  ASSERT_EQ(units.size(), 833u);
  EXPECT_EQ(units.front().unit.code, "01");
  EXPECT_EQ(units.front().division, layers::Division::d2007);
  const auto all = store_->load_initiatives();
  ASSERT_EQ(all.size(), 29u);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.initiative.id < b.initiative.id;
  }));
  EXPECT_EQ(store_->region_codes_2018().size(), 16u);
}

TEST_P(StoreBackend, ASavepointUndoesItsWriteAloneAndTheTransactionKeepsTheRest) {
  {
    layers::Store::Transaction tx(*store_);
    {
      layers::Store::Transaction kept(*store_);
      store_->insert_initiative(record("kept"), 3);
      kept.commit();
    }
    {
      layers::Store::Transaction undone(*store_);
      store_->insert_initiative(record("undone"), 3);
    }
    store_->advance_generation();
    tx.commit();
  }
  EXPECT_TRUE(store_->has_initiative("kept"));
  EXPECT_FALSE(store_->has_initiative("undone"));
  EXPECT_EQ(store_->generation(), 3);
  const auto kept = store_->read_initiatives(std::string("kept"));
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].revision, 3);
  EXPECT_EQ(kept[0].units.size(), record("kept").units.size());
  {
    layers::Store::Transaction tx(*store_);
    EXPECT_TRUE(store_->remove_initiative("kept"));
    EXPECT_FALSE(store_->remove_initiative("never"));
    store_->advance_generation();
  }  // not committed
  EXPECT_TRUE(store_->has_initiative("kept"));
  EXPECT_EQ(store_->generation(), 3);
}

TEST_P(StoreBackend, ADuplicateImportWritesNothing) {
  std::vector<layers::StoredInitiative> both;
  both.push_back(record("new"));
  both.push_back(record("126"));
  EXPECT_THROW(store_->insert_initiatives(both), layers::ImportError);
  EXPECT_FALSE(store_->has_initiative("new"));
  EXPECT_EQ(store_->generation(), 2);
}

TEST_P(StoreBackend, TokensReadBackAsWritten) {
  {
    layers::Store::Transaction tx(*store_);
    store_->insert_token({"bbb", "second", "admin", "", "2026-12-06T10:00:01Z", std::nullopt, std::nullopt, "d2"});
    store_->insert_token({"aaa", "first", "editor", "05,13", "2026-12-06T10:00:00Z", "2027-01-01", std::nullopt, "d1"});
    tx.commit();
  }
  const auto all = store_->tokens();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "aaa");
  EXPECT_EQ(all[0].regions, "05,13");
  EXPECT_EQ(all[0].expires, "2027-01-01");
  EXPECT_FALSE(all[1].expires);
  {
    layers::Store::Transaction tx(*store_);
    store_->revoke_token("aaa", "2026-12-07T00:00:00Z");
    store_->revoke_token("aaa", "2026-12-08T00:00:00Z");  // keeps the first time
    tx.commit();
  }
  const auto found = store_->token("aaa");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->revoked, "2026-12-07T00:00:00Z");
  EXPECT_EQ(found->secret_sha256, "d1");
  EXPECT_FALSE(store_->token("zzz"));
}

TEST_P(StoreBackend, TheAuditTrailReadsBackByFeatureGenerationTimeAndToken) {
  const auto before = store_->changes_since(2, 100).size();
  EXPECT_EQ(before, 0u);
  {
    layers::Store::Transaction tx(*store_);
    store_->append_audit(audit(3, "x", "t1"));
    store_->append_audit(audit(4, "y", "t2"));
    store_->append_audit(audit(5, "x", "t1"));
    tx.commit();
  }
  const auto history = store_->feature_history("x");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].generation, 3);
  EXPECT_EQ(history[1].generation, 5);
  EXPECT_EQ(history[1].after, "{\"id\":\"x\"}");
  EXPECT_FALSE(history[1].before);
  const auto changes = store_->changes_since(3, 100);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].feature_id, "y");
  EXPECT_FALSE(changes[0].after) << "changes come without the texts";
  EXPECT_EQ(store_->changes_since(2, 1).size(), 1u);
  EXPECT_EQ(store_->audit_listing(std::string("2099-01-01T10:00:04"), std::nullopt, 100).size(), 2u);
  EXPECT_EQ(store_->audit_listing(std::nullopt, std::string("t1"), 100).size(), 2u);
  EXPECT_EQ(store_->audit_listing(std::string("2099-01-01T10:00:04"), std::string("t1"), 100).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreBackend, ::testing::Values(StoreKind::spatialite, StoreKind::postgres),
                         test_support::store_kind_name);

TEST(StoreLocator, PostgresUrisAreToldFromPathsAndShownWithoutPassword) {
  EXPECT_TRUE(layers::Store::is_postgres("postgresql://u@h:5432/db"));
  EXPECT_TRUE(layers::Store::is_postgres("postgres://h/db"));
  EXPECT_FALSE(layers::Store::is_postgres("var/territorio.sqlite"));
  EXPECT_EQ(layers::Store::shown("postgresql://u:secret@h:5432/db"), "postgresql://u@h:5432/db");
  EXPECT_EQ(layers::Store::shown("postgresql://u@h/db"), "postgresql://u@h/db");
  EXPECT_THROW(layers::Store::open("/nonexistent/territorio.sqlite"), layers::DataError);
}

}  // namespace
