// After a group commit (layers/edit/commit_pipeline.h): a group is shown
// and answered only once the log holding it was synced, groups are
// published in commit order and share syncs, a failed sync is the error of
// every group it was for (and shows none of them), and a store whose
// commits are durable at once (no sync) is published without waiting.
#include "layers/edit/commit_pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <future>
#include <system_error>

#include "layers/snapshot/registry_holder.h"
#include "tests/support/temp_dir.h"

namespace {

using namespace std::chrono_literals;
using layers::edit::CommitPipeline;

class CommitPipelineTest : public ::testing::Test {
 protected:
  CommitPipelineTest() : dir_("territorio-pipeline"), store_(dir_.path("s.sqlite")) {
    std::filesystem::copy_file(TERRITORIO_TEST_STORE, store_);
    holder_ = std::make_unique<layers::RegistryHolder>(store_);
    start_ = holder_->current()->generation();
  }
  test_support::TempDir dir_;
  std::string store_;
  std::unique_ptr<layers::RegistryHolder> holder_;
  std::int64_t start_ = 0;
};

TEST_F(CommitPipelineTest, GroupsAreShownInOrderOnlyOnceTheirLogIsSynced) {
  CommitPipeline pipeline(*holder_);
  std::promise<void> disk;
  const std::shared_future<void> flushed = disk.get_future().share();
  std::atomic<int> syncs{0};
  const auto sync = [&] {
    flushed.wait();
    ++syncs;
  };
  // Two groups: one write, then two (generations start+1, start+2..3).
  auto first = pipeline.committed({}, start_, start_ + 1, sync);
  auto second = pipeline.committed({}, start_ + 1, start_ + 3, sync);
  // The disk has not flushed: neither is answered nor shown. (A wrong
  // pipeline could only pass this by luck, never fail it by timing.)
  EXPECT_EQ(first.wait_for(200ms), std::future_status::timeout);
  EXPECT_EQ(holder_->current()->generation(), start_);
  disk.set_value();
  EXPECT_GE(first.get()->generation(), start_ + 1);
  EXPECT_EQ(second.get()->generation(), start_ + 3);
  EXPECT_EQ(holder_->current()->generation(), start_ + 3);
  // Both were committed before the first flush ended: at most two flushes.
  EXPECT_GE(syncs.load(), 1);
  EXPECT_LE(syncs.load(), 2);
  EXPECT_EQ(holder_->status().reloads, 0u) << "derived, not loaded";
  EXPECT_EQ(holder_->status().generation, start_ + 3);
}

TEST_F(CommitPipelineTest, AFailedSyncIsTheErrorOfItsGroupsAndShowsNone) {
  CommitPipeline pipeline(*holder_);
  auto lost = pipeline.committed({}, start_, start_ + 1,
                                 [] { throw std::system_error(EIO, std::generic_category(), "the disk failed"); });
  try {
    lost.get();
    ADD_FAILURE() << "a group whose log failed to sync was answered";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code().value(), EIO);
  }
  EXPECT_EQ(holder_->current()->generation(), start_);
  // The next commit, synced, is answered and shown.
  auto next = pipeline.committed({}, start_, start_ + 1, [] {});
  EXPECT_EQ(next.get()->generation(), start_ + 1);
  EXPECT_EQ(holder_->current()->generation(), start_ + 1);
}

TEST_F(CommitPipelineTest, CommitsDurableAtOnceArePublishedWithoutASync) {
  CommitPipeline pipeline(*holder_);
  auto group = pipeline.committed({}, start_, start_ + 2, {});
  EXPECT_EQ(group.get()->generation(), start_ + 2);
  pipeline.drain();
  EXPECT_EQ(holder_->current()->generation(), start_ + 2);
}

TEST_F(CommitPipelineTest, StoppingAnswersEveryGroupQueued) {
  std::future<std::shared_ptr<const layers::Snapshot>> a, b;
  {
    CommitPipeline pipeline(*holder_);
    a = pipeline.committed({}, start_, start_ + 1, [] {});
    b = pipeline.committed({}, start_ + 1, start_ + 2, [] {});
  }
  EXPECT_GE(a.get()->generation(), start_ + 1);
  EXPECT_EQ(b.get()->generation(), start_ + 2);
}

}  // namespace
