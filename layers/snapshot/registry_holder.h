#pragma once
// Publishes the current Snapshot of the store and replaces it when the
// store changes (an import from the CLI, an edit) without making any
// request wait: a background thread notices the change (it polls the
// store's stamp: a file's identity, size and time, a database's
// generation), builds the next snapshot beside the
// published one at a lower CPU priority, and publishes it with one swap.
// Each request takes the snapshot current at its start and keeps it to its
// end; a replaced snapshot is freed on the watcher's thread, not by the
// last request that held it. A reload that fails (a corrupt or unreadable
// store) keeps the published snapshot, is logged, and is tried again when
// the file changes or after a back-off.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "layers/snapshot/snapshot.h"
#include "layers/store/store_watch.h"

namespace layers {

struct HolderOptions {
  SnapshotInputs inputs;
  std::chrono::milliseconds poll_interval{200};
  // Where reloads and failed reloads are reported; empty: standard error.
  std::function<void(const std::string&)> log;
  // Builds the snapshot of the store at path, or returns null when the
  // store still holds the published generation. Empty: the real loader.
  // A seam for tests (to hold a reload mid-build); the server never sets it.
  std::function<std::shared_ptr<const Snapshot>(const std::string& store_path, const Snapshot& published)> build;
};

class RegistryHolder {
 public:
  // Builds the first snapshot now (throws if the store cannot be read),
  // then starts watching the store.
  explicit RegistryHolder(std::string store_path, HolderOptions options = {});  // a Store locator
  // Stops watching; waits for a reload in progress to end.
  ~RegistryHolder();
  RegistryHolder(const RegistryHolder&) = delete;
  RegistryHolder& operator=(const RegistryHolder&) = delete;

  const std::string& store_path() const { return path_; }

  // Looks at the store now rather than at the next poll: a listener heard
  // of a commit (StoreListener). Returns at once; any thread.
  void wake();

  // The published snapshot. Never waits for a reload: the lock guards only
  // the copy of a pointer.
  std::shared_ptr<const Snapshot> current() const;

  // Serializes this process's writers with the watcher's reloads: a write
  // holds it from the start of its transaction until publish_write returns,
  // so snapshots are published in generation order.
  std::unique_lock<std::mutex> lock_writes() { return std::unique_lock(write_mutex_); }
  // Called with lock_writes() held, after a write committed `changes` to the
  // store, moving it from generation `from` to `to`: publishes the snapshot
  // that shows them before returning, derived from the published one when
  // that is generation `from`, else loaded from the store.
  void publish_write(const std::vector<InitiativeChange>& changes, std::int64_t from, std::int64_t to);
  // publish_write in two steps, so a writer can derive the next snapshot
  // while its commit syncs: derive_write() (any thread, lock_writes() held
  // by the writer) gives the published snapshot with the changes, or null
  // when it cannot be derived; publish_derived() (after the commit) then
  // publishes it, or loads the store when given null.
  std::shared_ptr<const Snapshot> derive_write(const std::vector<InitiativeChange>& changes, std::int64_t from,
                                               std::int64_t to) const;
  // `writes`: how many writes the commit held (a group commit holds several).
  void publish_derived(std::shared_ptr<const Snapshot> next, std::size_t writes);

  // Group commit as a pipeline (layers/edit/commit_pipeline.h): a writer's
  // commit returns before its snapshot is published, so the next group can
  // write meanwhile. note_own_commit(), with lock_writes() held right after
  // the commit, tells the watcher that this change is ours (it need not
  // reload the store for it); publish_committed(), later and from any
  // thread without lock_writes(), publishes `next` (made from `base`, the
  // snapshot then published, or null: the store is loaded) unless another
  // snapshot was published since `base`: an import or a reload, which read
  // the store after the commit and so show it already.
  void note_own_commit();
  void publish_committed(std::shared_ptr<const Snapshot> next, const std::shared_ptr<const Snapshot>& base,
                         std::size_t writes, std::size_t commits);

  struct Status {
    std::int64_t generation = 0;      // of the published snapshot
    std::uint64_t reloads = 0;        // snapshots published after the first
    std::uint64_t failed_reloads = 0;  // reloads that kept the published snapshot
    std::uint64_t writes = 0;          // writes published (an import counts one)
    std::uint64_t write_commits = 0;   // their transactions: fewer when writes were grouped
  };
  Status status() const;

 private:

  void watch();         // the watcher thread
  void check_store();   // one poll: reload if the store changed
  // writes: 0 for a reload of a changed store.
  void publish(std::shared_ptr<const Snapshot> next, std::size_t writes, std::size_t commits = 1);
  void publish_locked(std::shared_ptr<const Snapshot> next, std::size_t writes, std::size_t commits);  // publish_mutex_ held
  void release_retired();

  const std::string path_;
  HolderOptions options_;

  mutable std::mutex published_mutex_;  // guards published_ and status_
  std::shared_ptr<const Snapshot> published_;
  Status status_;

  // Held by a reload and by a write (see lock_writes()): guards the state below.
  std::mutex write_mutex_;
  StoreWatch watch_;
  StoreWatch::Stamp seen_;
  bool failing_ = false;
  std::chrono::steady_clock::time_point retry_at_;
  std::chrono::milliseconds backoff_;

  // Held while a snapshot is published, by whoever publishes: the watcher
  // (with write_mutex_ too, taken first), an import, the commit pipeline.
  std::mutex publish_mutex_;
  std::vector<std::shared_ptr<const Snapshot>> retired_;  // replaced, maybe still in use; guarded by publish_mutex_

  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by wake_mutex_
  bool woken_ = false;     // guarded by wake_mutex_: wake() was called
  std::thread watcher_;    // last: starts once everything above exists
};

}  // namespace layers
