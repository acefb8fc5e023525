// What other processes wrote, told from the audit trail (store_changes.h),
// on both stores: each record a write touched comes back as it is now (or
// as deleted), with the revision that wrote it; a generation that no audit
// row explains (a build, a bare bump) and a store behind the published
// generation give none, so the caller loads the store whole.
#include <gtest/gtest.h>

#include "layers/store/store.h"
#include "layers/store/store_changes.h"
#include "tests/support/pg_database.h"
#include "tests/support/temp_dir.h"

namespace {

using test_support::StoreKind;

class StoreChanges : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override {
    TERRITORIO_REQUIRE_STORE(GetParam());
    copy_ = std::make_unique<test_support::FixtureCopy>(GetParam(), dir_);
    store_ = layers::Store::open(copy_->locator(), layers::Store::Access::write);
  }
  // Writes record `id` (a copy of 126) as a write does: with its audit row
  // and the next generation, in one transaction.
  void write(const std::string& id, const std::string& operation) {
    layers::Store::Transaction tx(*store_);
    const std::int64_t generation = store_->generation() + 1;
    if (operation != "create") store_->remove_initiative(id);
    if (operation != "delete") {
      auto s = std::move(store_->read_initiatives(std::string("126")).at(0));
      s.initiative.id = id;
      store_->insert_initiative(s, generation);
    }
    layers::AuditRow row;
    row.generation = generation;
    row.time = "2099-01-01T10:00:00Z";
    row.token_name = "tester";
    row.operation = operation;
    row.feature_id = id;
    store_->append_audit(row);
    store_->advance_generation();
    tx.commit();
  }

  test_support::TempDir dir_{"territorio-store-changes"};
  std::unique_ptr<test_support::FixtureCopy> copy_;
  std::unique_ptr<layers::Store> store_;
};

TEST_P(StoreChanges, NothingSinceTheCurrentGeneration) {
  const auto changes = layers::read_changes(*store_, 2);
  ASSERT_TRUE(changes.has_value());
  EXPECT_EQ(changes->generation, 2);
  EXPECT_TRUE(changes->changes.empty());
}

TEST_P(StoreChanges, EachRecordTouchedComesBackAsItIsNow) {
  write("a", "create");  // generation 3
  write("b", "create");  // 4
  write("a", "update");  // 5
  write("b", "delete");  // 6
  const auto changes = layers::read_changes(*store_, 2);
  ASSERT_TRUE(changes.has_value());
  EXPECT_EQ(changes->generation, 6);
  ASSERT_EQ(changes->changes.size(), 2u);
  EXPECT_EQ(changes->changes[0].id, "a");
  ASSERT_TRUE(changes->changes[0].after.has_value());
  EXPECT_EQ(changes->changes[0].after->initiative.id, "a");
  EXPECT_EQ(changes->changes[0].revision, 5);
  EXPECT_EQ(changes->changes[1].id, "b");
  EXPECT_FALSE(changes->changes[1].after.has_value());
  EXPECT_EQ(changes->changes[1].revision, 6);
  // From a later generation, only what came after it.
  const auto later = layers::read_changes(*store_, 5);
  ASSERT_TRUE(later.has_value());
  ASSERT_EQ(later->changes.size(), 1u);
  EXPECT_EQ(later->changes[0].id, "b");
}

TEST_P(StoreChanges, AGenerationNoAuditRowExplainsGivesNone) {
  write("a", "create");  // 3
  {
    layers::Store::Transaction tx(*store_);
    store_->advance_generation();  // 4, as a build or a migration would
    tx.commit();
  }
  EXPECT_FALSE(layers::read_changes(*store_, 2).has_value());
  EXPECT_FALSE(layers::read_changes(*store_, 3).has_value());
}

TEST_P(StoreChanges, MoreRowsThanTheLimitOrAStoreBehindGivesNone) {
  write("a", "create");
  write("b", "create");
  EXPECT_FALSE(layers::read_changes(*store_, 2, 1).has_value());
  EXPECT_TRUE(layers::read_changes(*store_, 2, 2).has_value());
  EXPECT_FALSE(layers::read_changes(*store_, 9).has_value());  // replaced under its locator
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreChanges, ::testing::Values(StoreKind::spatialite, StoreKind::postgres),
                         test_support::store_kind_name);

}  // namespace
