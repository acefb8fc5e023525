// A snapshot is whole when it is built: the feature catalog, the tiles'
// geometry and the unfiltered coverage statistics exist before any request,
// all of one generation; filtered statistics are computed once and shared.
#include "layers/snapshot/snapshot.h"

#include <gtest/gtest.h>

namespace {

class SnapshotBuild : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { snapshot_ = layers::Snapshot::load(TERRITORIO_TEST_STORE, {}); }
  static void TearDownTestSuite() { snapshot_.reset(); }
  inline static std::shared_ptr<const layers::Snapshot> snapshot_;
};

void expect_same_stats(const std::vector<layers::UnitStats>& a, const std::vector<layers::UnitStats>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].initiatives, b[i].initiatives) << i;
    EXPECT_EQ(a[i].per_100k, b[i].per_100k) << i;
    EXPECT_EQ(a[i].covered, b[i].covered) << i;
  }
}

TEST_F(SnapshotBuild, EveryPartIsOfTheSameGeneration) {
  const layers::Snapshot& s = *snapshot_;
  EXPECT_EQ(s.features().generation(), s.generation());
  EXPECT_EQ(s.tileset().generation(), s.generation());
  EXPECT_EQ(s.registry().initiatives().size(), 29u);
  EXPECT_EQ(s.features().find("initiatives")->features.size(), 29u);
  EXPECT_EQ(s.tileset().unit_list(layers::Level::commune, layers::Division::d2018).size(), 346u);
  EXPECT_EQ(s.tileset().initiative_points().size(), 29u);
}

TEST_F(SnapshotBuild, UnfilteredStatisticsAreReadyAndShared) {
  const layers::Snapshot& s = *snapshot_;
  for (layers::Level level : {layers::Level::region, layers::Level::province, layers::Level::commune})
    for (layers::Division d : layers::kAllDivisions) {
      const auto a = s.unit_stats(level, d, {});
      EXPECT_EQ(s.unit_stats(level, d, {}), a) << "one copy per snapshot";
      expect_same_stats(*a, layers::unit_stats(s.registry(), level, d, {}));
      EXPECT_EQ(a->size(), s.tileset().unit_list(level, d).size());
    }
}

TEST_F(SnapshotBuild, FilteredStatisticsAreComputedOnceAndKept) {
  const layers::Snapshot& s = *snapshot_;
  layers::InitiativeFilter honoured;
  honoured.award = {"Mención Honrosa"};
  const auto a = s.unit_stats(layers::Level::region, layers::Division::d2018, honoured);
  EXPECT_EQ(s.unit_stats(layers::Level::region, layers::Division::d2018, honoured), a);
  expect_same_stats(*a, layers::unit_stats(s.registry(), layers::Level::region, layers::Division::d2018, honoured));
  std::int64_t filtered = 0, all = 0;
  for (const auto& u : *a) filtered += u.initiatives;
  for (const auto& u : *s.unit_stats(layers::Level::region, layers::Division::d2018, {})) all += u.initiatives;
  EXPECT_LT(filtered, all);
  EXPECT_GT(filtered, 0);
}

TEST_F(SnapshotBuild, SerialsIncreaseInBuildOrder) {
  const auto next = layers::Snapshot::load(TERRITORIO_TEST_STORE, {});
  EXPECT_GT(next->serial(), snapshot_->serial());
  EXPECT_EQ(next->generation(), snapshot_->generation());
}

}  // namespace
