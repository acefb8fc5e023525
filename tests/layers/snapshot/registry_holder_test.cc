// A running server sees an import without any request waiting for it: the
// holder builds the next snapshot in the background and swaps it in; a
// store that cannot be read keeps the published snapshot.
#include "layers/snapshot/registry_holder.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "layers/store/store_builder.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Bounded waits: a failure shows as a failed expectation, never a hung suite.
constexpr auto kBound = 60s;

template <class Condition>
bool eventually(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + kBound;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

class RegistryHolderTest : public ::testing::Test {
 protected:
  RegistryHolderTest() : dir_("territorio-holder"), store_(dir_.path("s.sqlite")) {
    fs::copy_file(TERRITORIO_TEST_STORE, store_);
  }
  void import_one(const std::string& id) {
    const std::string csv = dir_.write(id + ".csv", "id,name,footprint_codes\n" + id + ",Nueva,05101\n");
    layers::import_into_store(store_, csv);
  }
  layers::HolderOptions fast() {
    layers::HolderOptions o;
    o.poll_interval = 10ms;
    o.log = [this](const std::string& line) {
      std::lock_guard lock(log_mutex_);
      log_.push_back(line);
    };
    return o;
  }
  std::vector<std::string> log() {
    std::lock_guard lock(log_mutex_);
    return log_;
  }

  test_support::TempDir dir_;
  std::string store_;
  std::mutex log_mutex_;
  std::vector<std::string> log_;
};

TEST_F(RegistryHolderTest, PublishesTheNextGenerationWhenTheStoreChanges) {
  layers::RegistryHolder holder(store_, fast());
  const auto before = holder.current();
  EXPECT_EQ(before->registry().initiatives().size(), 29u);
  EXPECT_EQ(holder.current(), before) << "no change, same snapshot";

  import_one("h1");
  ASSERT_TRUE(eventually([&] { return holder.status().generation == before->generation() + 1; }));
  const auto after = holder.current();
  EXPECT_EQ(after->generation(), before->generation() + 1);
  EXPECT_EQ(after->registry().initiatives().size(), 30u);
  // Everything derived is of the same generation, built before publication.
  EXPECT_EQ(after->features().generation(), after->generation());
  EXPECT_EQ(after->tileset().generation(), after->generation());
  EXPECT_EQ(after->features().find("initiatives")->features.size(), 30u);
  EXPECT_GT(after->serial(), before->serial());
  EXPECT_EQ(before->registry().initiatives().size(), 29u) << "old snapshot untouched for requests still using it";
  EXPECT_EQ(holder.status().reloads, 1u);
  EXPECT_EQ(holder.status().failed_reloads, 0u);
  ASSERT_EQ(log().size(), 1u);
  EXPECT_NE(log()[0].find("reloaded: generation"), std::string::npos) << log()[0];
}

TEST_F(RegistryHolderTest, RequestsKeepTheOldSnapshotWhileTheNextIsBuilt) {
  std::promise<void> entered, release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> builds{0};
  layers::HolderOptions o = fast();
  // The test's build: holds the reload mid-way until the test releases it.
  o.build = [&](const std::string& path, const layers::Snapshot&) {
    if (builds++ == 0) entered.set_value();
    released.wait();
    return layers::Snapshot::load(path, {});
  };
  layers::RegistryHolder holder(store_, o);
  const auto before = holder.current();

  import_one("h1");
  ASSERT_EQ(entered.get_future().wait_for(kBound), std::future_status::ready) << "the store change was never seen";
  // A reload is under way: current() answers at once, with the published snapshot.
  auto during = std::async(std::launch::async, [&] { return holder.current(); });
  ASSERT_EQ(during.wait_for(kBound), std::future_status::ready) << "current() waited for the reload";
  EXPECT_EQ(during.get(), before);
  EXPECT_EQ(holder.status().generation, before->generation());

  release.set_value();
  ASSERT_TRUE(eventually([&] { return holder.current()->registry().initiatives().size() == 30u; }));
  EXPECT_EQ(holder.current()->generation(), before->generation() + 1);
  EXPECT_EQ(holder.status().generation, before->generation() + 1);
}

TEST_F(RegistryHolderTest, AFailedBuildKeepsThePublishedSnapshot) {
  std::atomic<bool> fail{true};
  layers::HolderOptions o = fast();
  o.build = [&](const std::string& path, const layers::Snapshot&) -> std::shared_ptr<const layers::Snapshot> {
    if (fail) throw std::runtime_error("disk on fire");
    return layers::Snapshot::load(path, {});
  };
  layers::RegistryHolder holder(store_, o);
  const auto before = holder.current();
  import_one("h1");
  ASSERT_TRUE(eventually([&] { return holder.status().failed_reloads >= 1; }));
  EXPECT_EQ(holder.current(), before);
  EXPECT_EQ(holder.status().generation, before->generation());
  const auto lines = log();
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines[0].find("failed, still serving generation " + std::to_string(before->generation()) +
                          ": disk on fire"),
            std::string::npos)
      << lines[0];

  // The next change of the store is tried again, and succeeds.
  fail = false;
  import_one("h2");
  ASSERT_TRUE(eventually([&] { return holder.status().generation == before->generation() + 2; }));
  EXPECT_EQ(holder.current()->registry().initiatives().size(), 31u);
}

TEST_F(RegistryHolderTest, ACorruptStoreKeepsThePublishedSnapshotUntilItIsRepaired) {
  // A good store with one more initiative, made aside.
  const std::string good = dir_.path("good.sqlite");
  fs::copy_file(store_, good);
  layers::import_into_store(good, dir_.write("g.csv", "id,name,footprint_codes\ng1,Buena,13101\n"));

  layers::RegistryHolder holder(store_, fast());
  const auto before = holder.current();
  // Overwritten in place with garbage, as a careless copy would.
  std::ofstream(store_, std::ios::binary | std::ios::trunc) << std::string(4096, 'x');
  ASSERT_TRUE(eventually([&] { return holder.status().failed_reloads >= 1; }));
  EXPECT_EQ(holder.current(), before);
  EXPECT_EQ(holder.current()->registry().initiatives().size(), 29u);

  // Repaired by renaming a good store into place.
  fs::rename(good, store_);
  ASSERT_TRUE(eventually([&] { return holder.status().generation == before->generation() + 1; }));
  EXPECT_EQ(holder.current()->registry().initiatives().size(), 30u);
}

TEST_F(RegistryHolderTest, ReadersRunThroughAReloadWithoutSharingAnythingMutable) {
  // Meant for ThreadSanitizer: readers use snapshots (and fill their
  // statistics cache) while the watcher builds, swaps and frees them.
  layers::RegistryHolder holder(store_, fast());
  const std::int64_t first = holder.current()->generation();
  std::atomic<bool> done{false};
  std::atomic<std::size_t> reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t)
    readers.emplace_back([&, t] {
      layers::InitiativeFilter filter;
      filter.award = {t == 0 ? "Mención Honrosa" : "2do Lugar"};
      while (!done) {
        const auto s = holder.current();
        const auto stats = s->unit_stats(layers::Level::region, layers::Division::d2018, filter);
        EXPECT_EQ(stats->size(), s->tileset().unit_list(layers::Level::region, layers::Division::d2018).size());
        EXPECT_EQ(s->features().find("initiatives")->features.size(), s->registry().initiatives().size());
        ++reads;
      }
    });
  import_one("h1");
  const bool reloaded = eventually([&] { return holder.status().generation == first + 1; });
  done = true;
  for (auto& r : readers) r.join();
  EXPECT_TRUE(reloaded);
  EXPECT_GT(reads.load(), 0u);
}

TEST_F(RegistryHolderTest, AStoreThatCannotBeReadAtStartIsAnError) {
  std::ofstream(store_, std::ios::binary | std::ios::trunc) << std::string(4096, 'x');
  EXPECT_ANY_THROW(layers::RegistryHolder holder(store_, fast()));
}

}  // namespace
