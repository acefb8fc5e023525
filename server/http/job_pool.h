#pragma once
// A fixed set of threads that run heavy requests (uploads to join, whole
// layer downloads) away from the HTTP workers: a Pistache worker serves
// many connections from one epoll loop, so one long handler there stalls
// every connection it owns. The queue is bounded; when it is full the
// server answers 503 at once instead of letting work pile up. The threads
// run at a lower scheduling priority, so on a small machine the workers'
// short reads still get the CPU first.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "server/http/route_metrics.h"

namespace server::http {

struct JobPoolOptions {
  unsigned threads = 0;     // 0: one per hardware thread
  std::size_t queue = 0;    // jobs waiting beyond the running ones; 0: twice the threads
  int nice = 10;            // added to the threads' nice value (lower priority)
  bool trim = true;         // hand freed memory back to the system after each job
};

class JobPool {
 public:
  JobPool(JobPoolOptions options, std::shared_ptr<JobCounters> counters);
  ~JobPool();  // stop()
  JobPool(const JobPool&) = delete;
  JobPool& operator=(const JobPool&) = delete;

  // Queues job unless the queue is full or the pool is stopping; false
  // then, and the job is dropped. Thread-safe. A job must not throw.
  bool try_submit(std::function<void()> job);

  // Refuses new jobs, drops the queued ones and waits for the running ones.
  // Idempotent.
  void stop();

  unsigned threads() const { return static_cast<unsigned>(threads_.size()); }
  std::size_t queue_capacity() const { return capacity_; }

 private:
  void work();

  std::shared_ptr<JobCounters> counters_;
  int nice_;
  bool trim_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace server::http
