#pragma once
// What follows a group commit's COMMIT, off the writers' lock, so the next
// group writes while this one's log is flushed and its snapshot derived:
//   - a syncer thread flushes the store's log once for every commit that
//     returned before the flush began (stores that defer durability, see
//     Store::defer_sync; one disk flush then serves many commits);
//   - a publisher thread takes every committed group waiting, derives one
//     snapshot with all their changes from the published one, waits until
//     they are durable, and publishes it (RegistryHolder::publish_committed).
// A group's writers are answered once their snapshot is published: a 2xx
// write is on disk and visible. Groups are published in commit order.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "layers/model/initiative_list.h"
#include "layers/snapshot/registry_holder.h"

namespace layers::edit {

class CommitPipeline {
 public:
  explicit CommitPipeline(RegistryHolder& holder);
  // Finishes every group queued, then stops.
  ~CommitPipeline();
  CommitPipeline(const CommitPipeline&) = delete;
  CommitPipeline& operator=(const CommitPipeline&) = delete;

  // Called once per group, on the publisher thread: the snapshot that
  // shows the group once it is durable and published, or the error that
  // kept it from being durable (a failing disk). Must not throw.
  using Answer = std::function<void(std::shared_ptr<const Snapshot> published, std::exception_ptr error)>;

  // A group committed `changes`, moving the store from generation `from` to
  // `to`; `sync` makes it durable (empty: it is already). Call in commit
  // order, with lock_writes() held. `answer` is called when it is published
  // (or failed): the publisher wakes the group's writers itself, with no
  // thread in between.
  void committed(std::vector<InitiativeChange> changes, std::int64_t from, std::int64_t to,
                 std::function<void()> sync, Answer answer);
  // The same, answered through a future.
  std::future<std::shared_ptr<const Snapshot>> committed(std::vector<InitiativeChange> changes, std::int64_t from,
                                                         std::int64_t to, std::function<void()> sync);
  // Waits until every group committed so far is published. Not with
  // lock_writes() held: publishing takes it.
  void drain();

 private:
  struct Group {
    std::vector<InitiativeChange> changes;
    std::int64_t from = 0, to = 0;
    Answer answer;
  };
  void publish_loop();
  void sync_loop();
  // Until the log is synced past `generation`; rethrows a failed sync.
  void wait_synced(std::int64_t generation);

  RegistryHolder& holder_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Group> queued_;           // committed, not yet taken by the publisher
  std::size_t publishing_ = 0;         // groups the publisher has taken and not yet answered
  std::int64_t sync_wanted_ = 0;       // highest generation committed with a sync to do
  std::int64_t synced_ = 0;            // every commit up to here is durable
  std::int64_t failed_upto_ = 0;       // the last sync that failed was for commits up to here
  std::exception_ptr sync_error_;      // its error
  std::function<void()> sync_;         // the latest store's
  bool stopping_ = false;
  std::thread syncer_;
  std::thread publisher_;  // last: started once the rest exists
};

}  // namespace layers::edit
