#include "server/http/worker_post.h"

#include <pistache/async.h>
#include <pistache/transport.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace server::http {

void PendingTimers::add(int fd) {
  const std::lock_guard lock(mutex_);
  fds_.insert(fd);
}

void PendingTimers::remove(int fd) {
  const std::lock_guard lock(mutex_);
  fds_.erase(fd);
}

void PendingTimers::close_all() {
  const std::lock_guard lock(mutex_);
  for (int fd : fds_) ::close(fd);
  fds_.clear();
}

void post_to_worker(Pistache::Tcp::Transport& transport, std::chrono::milliseconds delay, std::function<void()> task,
                    const std::shared_ptr<PendingTimers>& pending) {
  const int fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "timerfd_create");
  pending->add(fd);
  // The continuation is attached before the timer can fire, so it runs
  // where the promise is settled: on the transport's thread (a rejection,
  // e.g. a failed timerfd_settime, is settled there too).
  Pistache::Async::Deferred<uint64_t> deferred;
  Pistache::Async::Promise<uint64_t> promise(
      [&deferred](Pistache::Async::Deferred<uint64_t> d) { deferred = std::move(d); });
  const auto run = std::make_shared<std::function<void()>>(std::move(task));
  const std::weak_ptr<PendingTimers> timers = pending;
  const auto finish = [fd, run, timers] {
    if (const auto alive = timers.lock()) alive->remove(fd);
    ::close(fd);
    (*run)();
  };
  promise.then([finish](uint64_t) { finish(); }, [finish](std::exception_ptr) { finish(); });
  transport.armTimer(fd, std::max(delay, std::chrono::milliseconds(1)), std::move(deferred));
}

}  // namespace server::http
