#pragma once
// Counts and handling times of the requests each route answered, for the
// Prometheus text of /metrics. One slot per route pattern, added while the
// routes are set up; recording is lock-free, from any number of threads.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

namespace server::http {

// The job pool's state: gauges of jobs running and waiting, and counts of
// jobs done and refused (answered 503) since start.
struct JobCounters {
  std::atomic<std::uint64_t> running{0};
  std::atomic<std::uint64_t> queued{0};
  std::atomic<std::uint64_t> completed{0};
  std::atomic<std::uint64_t> rejected{0};
};

class RouteMetrics {
 public:
  // Upper bounds of the latency histogram's buckets, in seconds.
  static constexpr std::array<double, 11> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0};
  static constexpr std::size_t kNoRoute = static_cast<std::size_t>(-1);

  // A new slot for a pattern; returns its index. Not thread-safe: call only
  // before serving.
  std::size_t add_route(std::string pattern);

  // route: an index from add_route, or kNoRoute for a path no route knows.
  void record(std::size_t route, int status, std::chrono::nanoseconds took);

  // The families territorio_http_requests_total (by route and status class)
  // and territorio_http_request_duration_seconds (a histogram by route), for
  // the routes that have answered at least once, then the job pool's
  // territorio_http_jobs_* families.
  std::string prometheus_text() const;

  // Updated by the server's job pool, from any thread.
  std::shared_ptr<JobCounters> jobs() const { return jobs_; }

 private:
  struct Slot {
    std::string pattern;
    std::array<std::atomic<std::uint64_t>, 6> by_class{};  // index status / 100; 0: out of range
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};  // last: over the largest bound
    std::atomic<std::uint64_t> nanoseconds{0};
  };
  Slot& slot_at(std::size_t i) { return i == kNoRoute ? unmatched_ : slots_[i]; }

  std::deque<Slot> slots_;  // a deque: adding never moves the atomics
  Slot unmatched_{"none"};
  std::shared_ptr<JobCounters> jobs_ = std::make_shared<JobCounters>();
};

}  // namespace server::http
