#include "layers/store/store_listener.h"

#include <algorithm>
#include <cstdio>

#include "layers/store/postgres_store.h"

namespace layers {

namespace {
// How long one wait for a notification lasts: bounds how late the thread
// sees that it must stop. A notification ends the wait at once.
constexpr std::chrono::milliseconds kWaitSlice{200};
}  // namespace

StoreListener::StoreListener(std::string uri, std::function<void()> changed, Options options)
    : uri_(std::move(uri)), changed_(std::move(changed)), options_(std::move(options)) {
  if (!options_.log) options_.log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  connect();
  thread_ = std::thread([this] { run(); });
}

StoreListener::~StoreListener() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_.notify_all();
  thread_.join();
}

StoreListener::Health StoreListener::health() const {
  std::lock_guard lock(mutex_);
  return health_;
}

bool StoreListener::connect() {
  try {
    auto store = std::make_unique<PostgresStore>(uri_, Store::Access::read);
    store->listen();
    // Read after LISTEN: a commit from here on is notified, one before it
    // is counted in this generation.
    const std::int64_t generation = store->generation();
    connection_ = std::move(store);
    {
      std::lock_guard lock(mutex_);
      health_.connected = true;
      health_.generation_at_connect = generation;
      ++health_.connects;
    }
    if (reported_loss_)
      options_.log("territorio: listening to " + Store::shown(uri_) + " again, at generation " +
                   std::to_string(generation));
    reported_loss_ = false;
    return true;
  } catch (const std::exception& e) {
    connection_.reset();
    {
      std::lock_guard lock(mutex_);
      health_.connected = false;
    }
    if (!reported_loss_)
      options_.log("territorio: cannot listen to " + Store::shown(uri_) +
                   " (serving the last snapshot; reads go on, writes answer 503): " + e.what());
    reported_loss_ = true;
    return false;
  }
}

void StoreListener::sleep_for(std::chrono::milliseconds pause) {
  std::unique_lock lock(mutex_);
  stop_.wait_for(lock, pause, [this] { return stopping_.load(); });
}

void StoreListener::run() {
  std::chrono::milliseconds backoff = options_.first_retry;
  while (!stopping_) {
    if (!connection_ && !connect()) {
      sleep_for(backoff);
      backoff = std::min(backoff * 2, options_.last_retry);
      continue;
    }
    backoff = options_.first_retry;
    changed_();  // whatever was committed before the LISTEN, or while away
    try {
      while (!stopping_)
        if (connection_->wait_commit(kWaitSlice)) changed_();
    } catch (const std::exception& e) {
      connection_.reset();
      {
        std::lock_guard lock(mutex_);
        health_.connected = false;
      }
      options_.log("territorio: lost the connection listening to " + Store::shown(uri_) +
                   " (serving the last snapshot; reconnecting): " + e.what());
      reported_loss_ = true;
    }
  }
}

}  // namespace layers
