#include "layers/snapshot/registry_holder.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "layers/store/store.h"
#include "layers/store/store_changes.h"

namespace layers {

namespace {

// The watcher's nice value: a reload yields CPU to requests when both want
// it. Moderate on purpose: on a saturated machine a reload at nice 10 took
// up to a minute to be served, with no latency gain measurable over nice 5
// (bench/README.md, "reload under load").
constexpr int kReloadNice = 5;
// Back-off between attempts at a store that keeps failing to load.
constexpr std::chrono::milliseconds kFirstRetry{1000}, kLastRetry{60000};

std::shared_ptr<const Snapshot> load_if_changed(const std::string& path, const Snapshot& published,
                                                const SnapshotInputs& inputs) {
  {
    // A touch, or a write that changed nothing, leaves the generation alone:
    // no need to read the whole store. Another process's writes (another
    // replica's) are applied to the published snapshot when the audit
    // trail tells them (store_changes.h).
    const auto store = Store::open(path);
    const std::optional<StoreChanges> changed = read_changes(*store, published.generation());
    if (changed && changed->generation == published.generation()) return nullptr;
    if (changed)
      if (auto next = Snapshot::with_changes(published, changed->changes, changed->generation)) return next;
  }
  return Snapshot::load(path, inputs, published);
}

}  // namespace

RegistryHolder::RegistryHolder(std::string store_path, HolderOptions options)
    : path_(std::move(store_path)), options_(std::move(options)), watch_(path_), backoff_(kFirstRetry) {
  if (!options_.log) options_.log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  if (!options_.build)
    options_.build = [inputs = options_.inputs](const std::string& path, const Snapshot& published) {
      return load_if_changed(path, published, inputs);
    };
  seen_ = watch_.stamp();  // before the load: a change during it is seen by the first poll
  published_ = Snapshot::load(path_, options_.inputs);
  status_.generation = published_->generation();
  watcher_ = std::thread([this] { watch(); });
}

RegistryHolder::~RegistryHolder() {
  {
    std::lock_guard lock(wake_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  watcher_.join();
}

void RegistryHolder::wake() {
  {
    std::lock_guard lock(wake_mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

std::shared_ptr<const Snapshot> RegistryHolder::current() const {
  std::lock_guard lock(published_mutex_);
  return published_;
}

RegistryHolder::Status RegistryHolder::status() const {
  std::lock_guard lock(published_mutex_);
  return status_;
}

void RegistryHolder::watch() {
  // Linux keeps a nice value per thread; the threads a build starts inherit it.
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kReloadNice);
  std::unique_lock lock(wake_mutex_);
  while (true) {
    wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_ || woken_; });
    if (stopping_) break;
    woken_ = false;
    lock.unlock();
    {
      std::lock_guard writes(write_mutex_);
      release_retired();
      check_store();
    }
    lock.lock();
  }
}

void RegistryHolder::check_store() {
  const StoreWatch::Stamp now = watch_.stamp();
  const auto clock = std::chrono::steady_clock::now();
  const bool changed = !(now == seen_);
  if (!changed && !(failing_ && clock >= retry_at_)) return;
  // Missing for a moment while a new file is renamed into place: wait for it.
  if (!now.present) return;
  seen_ = now;
  const std::shared_ptr<const Snapshot> published = current();
  try {
    std::shared_ptr<const Snapshot> next = options_.build(path_, *published);
    failing_ = false;
    backoff_ = kFirstRetry;
    if (next && next != published) publish(std::move(next), 0);
    return;
  } catch (const std::exception& e) {
    options_.log("territorio: reloading " + Store::shown(path_) + " failed, still serving generation " +
                 std::to_string(published->generation()) + ": " + e.what());
  } catch (...) {
    options_.log("territorio: reloading " + Store::shown(path_) + " failed, still serving generation " +
                 std::to_string(published->generation()));
  }
  std::lock_guard lock(published_mutex_);
  ++status_.failed_reloads;
  failing_ = true;
  retry_at_ = clock + backoff_;
  backoff_ = std::min(backoff_ * 2, kLastRetry);
}

void RegistryHolder::publish_write(const std::vector<InitiativeChange>& changes, std::int64_t from,
                                   std::int64_t to) {
  publish_derived(derive_write(changes, from, to), 1);
}

std::shared_ptr<const Snapshot> RegistryHolder::derive_write(const std::vector<InitiativeChange>& changes,
                                                             std::int64_t from, std::int64_t to) const {
  const std::shared_ptr<const Snapshot> published = current();
  if (published->generation() != from) return nullptr;
  return Snapshot::with_changes(*published, changes, to);
}

void RegistryHolder::publish_derived(std::shared_ptr<const Snapshot> next, std::size_t writes) {
  if (!next) next = Snapshot::load(path_, options_.inputs);
  publish(std::move(next), std::max<std::size_t>(writes, 1));
  seen_ = watch_.stamp();  // the watcher need not read the store again for this write
}

void RegistryHolder::note_own_commit() { seen_ = watch_.stamp(); }

void RegistryHolder::publish_committed(std::shared_ptr<const Snapshot> next,
                                       const std::shared_ptr<const Snapshot>& base, std::size_t writes,
                                       std::size_t commits) {
  if (!next) next = Snapshot::load(path_, options_.inputs);  // before the lock: a load takes a while
  std::lock_guard lock(publish_mutex_);
  if (current() == base) {
    publish_locked(std::move(next), std::max<std::size_t>(writes, 1), commits);
    return;
  }
  std::lock_guard counts(published_mutex_);  // a later snapshot shows these writes already
  status_.writes += writes;
  status_.write_commits += commits;
}

void RegistryHolder::publish(std::shared_ptr<const Snapshot> next, std::size_t writes, std::size_t commits) {
  std::lock_guard lock(publish_mutex_);
  publish_locked(std::move(next), writes, commits);
}

void RegistryHolder::publish_locked(std::shared_ptr<const Snapshot> next, std::size_t writes, std::size_t commits) {
  const std::int64_t from = current()->generation(), to = next->generation();
  {
    std::lock_guard lock(published_mutex_);
    std::swap(published_, next);  // next now holds the replaced snapshot
    status_.generation = to;
    if (writes == 0) {
      ++status_.reloads;
    } else {
      status_.writes += writes;
      status_.write_commits += commits;
    }
  }
  retired_.push_back(std::move(next));
  if (writes == 0)
    options_.log("territorio: store " + Store::shown(path_) + " reloaded: generation " + std::to_string(from) + " -> " +
               std::to_string(to) + ", " + std::to_string(current()->registry().initiatives().size()) +
               " initiatives");
}

void RegistryHolder::release_retired() {
  // A replaced snapshot that only this list still holds can no longer be
  // reached by anyone (it is not published): free it here, off the request
  // path, rather than in whichever request happened to drop it last, and
  // outside the lock (freeing a snapshot takes a while).
  std::vector<std::shared_ptr<const Snapshot>> unused;
  {
    std::lock_guard lock(publish_mutex_);
    const auto kept = std::stable_partition(retired_.begin(), retired_.end(),
                                            [](const std::shared_ptr<const Snapshot>& s) { return s.use_count() > 1; });
    std::move(kept, retired_.end(), std::back_inserter(unused));
    retired_.erase(kept, retired_.end());
  }
}

}  // namespace layers
