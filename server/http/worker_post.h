#pragma once
// Runs a task on a Pistache worker thread, after a delay: the one way to
// get back onto the thread that owns a connection, private to the Pistache
// bridge. Pistache 0.0.5 has no task queue, but its Transport arms timers
// for others (Transport::armTimer, used by its own Http::Timeout) and
// resolves them on its thread; we arm a fresh timerfd and run the task
// when it fires. A connection's state is only ever touched on its worker,
// so job pool threads hand their results over this way (one short-lived
// timerfd per heavy job).
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <set>

namespace Pistache::Tcp {
class Transport;
}

namespace server::http {

// The timerfds armed and not yet fired, so that those a stopped server
// never fired can be closed.
class PendingTimers {
 public:
  void add(int fd);
  void remove(int fd);
  // Call only once the workers are joined.
  void close_all();

 private:
  std::mutex mutex_;
  std::set<int> fds_;
};

// Runs task on transport's thread after delay (at least 1 ms). Thread-safe.
// The task must not throw. If the transport stops first, it never runs.
// Throws std::system_error when no timerfd can be made (out of fds).
void post_to_worker(Pistache::Tcp::Transport& transport, std::chrono::milliseconds delay, std::function<void()> task,
                    const std::shared_ptr<PendingTimers>& pending);

}  // namespace server::http
