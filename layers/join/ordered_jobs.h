#pragma once
// Threads that run jobs from a queue while their submitter takes them back
// in submission order (the file join writes its batches in input order as
// they complete). Each thread gets its own worker function from a factory,
// so per-thread state (buffers, memos) needs no lock. A job records its own
// completion and failure: Job has `bool done` and `std::exception_ptr error`.
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace layers {

template <typename Job>
class OrderedJobs {
 public:
  using Worker = std::function<void(Job&)>;
  OrderedJobs(unsigned threads, const std::function<Worker()>& make_worker) {
    for (unsigned t = 0; t < threads; ++t)
      threads_.emplace_back([this, work = make_worker()] {
        for (;;) {
          Job* job = nullptr;
          {
            std::unique_lock lock(mutex_);
            work_.wait(lock, [&] { return stop_ || !queued_.empty(); });
            if (stop_) return;
            job = queued_.front();
            queued_.pop_front();
          }
          try {
            work(*job);
          } catch (...) {
            job->error = std::current_exception();
          }
          {
            std::lock_guard lock(mutex_);
            job->done = true;
          }
          done_.notify_all();
        }
      });
  }
  OrderedJobs(const OrderedJobs&) = delete;
  OrderedJobs& operator=(const OrderedJobs&) = delete;
  // Jobs still queued are dropped; running ones finish first.
  ~OrderedJobs() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    work_.notify_all();
    for (auto& t : threads_) t.join();
  }

  // The job must outlive this pool or its completion.
  void submit(Job* job) {
    {
      std::lock_guard lock(mutex_);
      queued_.push_back(job);
    }
    work_.notify_one();
  }
  void wait(const Job& job) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return job.done; });
  }
  bool is_done(const Job& job) {
    std::lock_guard lock(mutex_);
    return job.done;
  }

 private:
  std::mutex mutex_;
  std::condition_variable work_, done_;
  std::deque<Job*> queued_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace layers
