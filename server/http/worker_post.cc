#include "server/http/worker_post.h"

#include <pistache/async.h>
#include <pistache/transport.h>

#include <chrono>
#include <memory>

namespace server::http {

namespace {
// Not a file descriptor: timerfd_settime fails on it, so the transport
// rejects the timer on its thread without registering anything.
constexpr int kNoTimer = -1;
}  // namespace

void post_to_worker(Pistache::Tcp::Transport& transport, std::function<void()> task) {
  // The continuation is attached before the timer reaches the transport,
  // so it runs where the promise is settled: on the transport's thread.
  Pistache::Async::Deferred<uint64_t> deferred;
  Pistache::Async::Promise<uint64_t> promise(
      [&deferred](Pistache::Async::Deferred<uint64_t> d) { deferred = std::move(d); });
  const auto run = std::make_shared<std::function<void()>>(std::move(task));
  promise.then([run](uint64_t) { (*run)(); }, [run](std::exception_ptr) { (*run)(); });
  transport.armTimer(kNoTimer, std::chrono::milliseconds(1), std::move(deferred));
}

}  // namespace server::http
