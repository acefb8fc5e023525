#include "layers/edit/commit_pipeline.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace layers::edit {

CommitPipeline::CommitPipeline(RegistryHolder& holder)
    : holder_(holder), syncer_([this] { sync_loop(); }), publisher_([this] { publish_loop(); }) {}

CommitPipeline::~CommitPipeline() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  publisher_.join();  // answers every group queued, with the syncer still running
  syncer_.join();     // ends once it has synced every commit it was asked to
}

std::future<std::shared_ptr<const Snapshot>> CommitPipeline::committed(std::vector<InitiativeChange> changes,
                                                                       std::int64_t from, std::int64_t to,
                                                                       std::function<void()> sync) {
  auto promise = std::make_shared<std::promise<std::shared_ptr<const Snapshot>>>();
  std::future<std::shared_ptr<const Snapshot>> published = promise->get_future();
  committed(std::move(changes), from, to, std::move(sync),
            [promise](std::shared_ptr<const Snapshot> snapshot, std::exception_ptr error) {
              if (error)
                promise->set_exception(error);
              else
                promise->set_value(std::move(snapshot));
            });
  return published;
}

void CommitPipeline::committed(std::vector<InitiativeChange> changes, std::int64_t from, std::int64_t to,
                               std::function<void()> sync, Answer answer) {
  Group group;
  group.changes = std::move(changes);
  group.from = from;
  group.to = to;
  group.answer = std::move(answer);
  {
    std::lock_guard lock(mutex_);
    // Generations going back: another store now lies under the path (a
    // new file); its own count starts here.
    if (from < synced_) synced_ = from;
    if (from < failed_upto_) failed_upto_ = from;
    if (sync) {
      sync_ = std::move(sync);
      sync_wanted_ = to;
    } else {
      synced_ = to;  // durable when its commit returned
    }
    queued_.push_back(std::move(group));
  }
  changed_.notify_all();
}

void CommitPipeline::drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queued_.empty() && publishing_ == 0; });
}

void CommitPipeline::sync_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || sync_wanted_ > std::max(synced_, failed_upto_); });
    if (sync_wanted_ <= std::max(synced_, failed_upto_)) return;  // stopping, and nothing to sync
    // Every commit up to here has returned: one flush makes them all durable.
    const std::int64_t target = sync_wanted_;
    const std::function<void()> sync = sync_;
    lock.unlock();
    std::exception_ptr error;
    try {
      sync();
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    if (error) {
      failed_upto_ = target;
      sync_error_ = error;
    } else {
      synced_ = std::max(synced_, target);
    }
    changed_.notify_all();
  }
}

void CommitPipeline::wait_synced(std::int64_t generation) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return synced_ >= generation || failed_upto_ >= generation; });
  if (synced_ < generation) std::rethrow_exception(sync_error_);
}

void CommitPipeline::publish_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
    if (queued_.empty()) return;  // stopping, and every group answered
    std::vector<Group> batch(std::make_move_iterator(queued_.begin()), std::make_move_iterator(queued_.end()));
    queued_.clear();
    publishing_ = batch.size();
    lock.unlock();

    // One snapshot for every group waiting: they committed one after
    // another, so their changes in order move the published generation
    // from the first group's `from` to the last one's `to`.
    std::vector<InitiativeChange> changes;
    std::size_t writes = 0;
    for (Group& g : batch) {
      writes += g.changes.size();
      std::move(g.changes.begin(), g.changes.end(), std::back_inserter(changes));
    }
    std::exception_ptr error;
    try {
      // Derived from the published snapshot when it is the generation the
      // first group began from; else (a reload or an import came between)
      // the store is loaded.
      const std::shared_ptr<const Snapshot> base = holder_.current();
      std::shared_ptr<const Snapshot> next;
      if (base->generation() == batch.front().from)
        next = Snapshot::with_changes(*base, changes, batch.back().to);
      wait_synced(batch.back().to);
      holder_.publish_committed(std::move(next), base, writes, batch.size());
    } catch (...) {
      error = std::current_exception();
    }
    const std::shared_ptr<const Snapshot> published = error ? nullptr : holder_.current();
    for (Group& g : batch) g.answer(published, error);

    lock.lock();
    publishing_ = 0;
    changed_.notify_all();
  }
}

}  // namespace layers::edit
