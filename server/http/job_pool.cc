#include "server/http/job_pool.h"

#include <malloc.h>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace server::http {

JobPool::JobPool(JobPoolOptions options, std::shared_ptr<JobCounters> counters)
    : counters_(std::move(counters)), nice_(options.nice), trim_(options.trim) {
  const unsigned n = options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  capacity_ = options.queue != 0 ? options.queue : 2 * static_cast<std::size_t>(n);
  threads_.reserve(n);
  for (unsigned i = 0; i < n; ++i) threads_.emplace_back([this] { work(); });
}

JobPool::~JobPool() { stop(); }

bool JobPool::try_submit(std::function<void()> job) {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= capacity_) {
      counters_->rejected.fetch_add(1, std::memory_order_relaxed);
      return false;
    }
    queue_.push_back(std::move(job));
    counters_->queued.store(queue_.size(), std::memory_order_relaxed);
  }
  ready_.notify_one();
  return true;
}

void JobPool::stop() {
  std::deque<std::function<void()>> dropped;
  {
    const std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    dropped.swap(queue_);
    counters_->queued.store(0, std::memory_order_relaxed);
  }
  ready_.notify_all();
  for (auto& thread : threads_) thread.join();
  // dropped jobs are destroyed here, outside the lock.
}

void JobPool::work() {
  // Per thread: on Linux a thread's nice value is its own (PRIO_PROCESS with a tid).
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), nice_);
  ::pthread_setname_np(::pthread_self(), "http-job");
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      counters_->queued.store(queue_.size(), std::memory_order_relaxed);
    }
    counters_->running.fetch_add(1, std::memory_order_relaxed);
    job();
    job = nullptr;  // free what the job captured before trimming
    counters_->running.fetch_sub(1, std::memory_order_relaxed);
    counters_->completed.fetch_add(1, std::memory_order_relaxed);
    // A join or download allocates hundreds of MB in pieces glibc keeps
    // for reuse; hand them back so an idle server is small again. (Not
    // after a write: small, frequent, and a trim costs more than it.)
    if (trim_) ::malloc_trim(0);
  }
}

}  // namespace server::http
