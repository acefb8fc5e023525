#pragma once
// How a replica over a PostgreSQL store hears of other processes' writes:
// one connection of its own that LISTENs on the channel every commit
// notifies (PostgresStore::kChannel), waited on by a thread of its own,
// which calls `changed` at once for each notification, and each time it
// (re)connects, since a notification sent while it was away is lost: the
// caller then looks at the store itself. A lost connection (the server
// restarted, the network cut) is connected again with a back-off (100 ms doubling to 2 s).
// health() says whether it is connected, and the store's generation when
// it last connected: a replica serving at least that one has caught up.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace layers {

class PostgresStore;

class StoreListener {
 public:
  struct Options {
    std::chrono::milliseconds first_retry{100}, last_retry{2000};  // between attempts to reconnect
    // Where a lost and a regained connection are reported; empty: standard error.
    std::function<void(const std::string&)> log;
  };
  struct Health {
    bool connected = false;
    std::int64_t generation_at_connect = 0;  // the store's, read just after its LISTEN
    std::uint64_t connects = 0;              // connections made so far
  };

  // uri: a postgresql:// locator. Connects once before returning (a
  // failure is left to the thread's retries), then listens on its thread.
  // `changed` runs on that thread: it must be quick (wake someone up).
  StoreListener(std::string uri, std::function<void()> changed, Options options);
  StoreListener(std::string uri, std::function<void()> changed)
      : StoreListener(std::move(uri), std::move(changed), Options()) {}
  // Stops the thread (within a fraction of a second) and closes the connection.
  ~StoreListener();
  StoreListener(const StoreListener&) = delete;
  StoreListener& operator=(const StoreListener&) = delete;

  Health health() const;

 private:
  void run();
  bool connect();  // false, and logged once per outage, when it cannot
  void sleep_for(std::chrono::milliseconds pause);

  const std::string uri_;
  const std::function<void()> changed_;
  Options options_;
  std::unique_ptr<PostgresStore> connection_;  // the thread's, once it runs

  mutable std::mutex mutex_;  // guards health_ and wakes a back-off early
  std::condition_variable stop_;
  Health health_;
  bool reported_loss_ = false;  // the thread's: the outage was logged
  std::atomic<bool> stopping_{false};
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace layers
