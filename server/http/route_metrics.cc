#include "server/http/route_metrics.h"

#include "server/http/prometheus_text.h"

namespace server::http {

std::size_t RouteMetrics::add_route(std::string pattern) {
  slots_.emplace_back().pattern = std::move(pattern);
  return slots_.size() - 1;
}

void RouteMetrics::record(std::size_t route, int status, std::chrono::nanoseconds took) {
  Slot& s = slot_at(route);
  const int cls = status / 100;
  s.by_class[cls >= 1 && cls <= 5 ? cls : 0].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(took).count();
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.nanoseconds.fetch_add(static_cast<std::uint64_t>(took.count()), std::memory_order_relaxed);
}

std::string RouteMetrics::prometheus_text() const {
  std::string requests =
      "# HELP territorio_http_requests_total Requests answered, by route pattern and status class.\n"
      "# TYPE territorio_http_requests_total counter\n";
  std::string durations =
      "# HELP territorio_http_request_duration_seconds Time from routing a request to its response, by route "
      "pattern.\n"
      "# TYPE territorio_http_request_duration_seconds histogram\n";
  const auto add = [&](const Slot& s) {
    static const char* const kClass[] = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};
    const std::string route = "route=\"" + prometheus_label(s.pattern) + "\"";
    std::uint64_t total = 0;
    for (std::size_t c = 0; c < s.by_class.size(); ++c) {
      const std::uint64_t n = s.by_class[c].load(std::memory_order_relaxed);
      if (n == 0) continue;
      total += n;
      requests += "territorio_http_requests_total{" + route + ",status=\"" + kClass[c] + "\"} " +
                  std::to_string(n) + "\n";
    }
    if (total == 0) return;
    // Cumulative buckets; the count is their sum, read once, so +Inf and
    // _count agree even while requests are being recorded.
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += s.buckets[b].load(std::memory_order_relaxed);
      durations += "territorio_http_request_duration_seconds_bucket{" + route + ",le=\"" +
                   (b < kBuckets.size() ? prometheus_number(kBuckets[b]) : std::string("+Inf")) + "\"} " +
                   std::to_string(cumulative) + "\n";
    }
    durations += "territorio_http_request_duration_seconds_sum{" + route + "} " +
                 prometheus_number(static_cast<double>(s.nanoseconds.load(std::memory_order_relaxed)) / 1e9) + "\n";
    durations += "territorio_http_request_duration_seconds_count{" + route + "} " + std::to_string(cumulative) + "\n";
  };
  for (const Slot& s : slots_) add(s);
  add(unmatched_);
  std::string jobs;
  const auto gauge = [&](const char* name, const char* type, const char* help, const std::atomic<std::uint64_t>& v) {
    append_prometheus_family(jobs, name, type, help, static_cast<double>(v.load(std::memory_order_relaxed)));
  };
  gauge("territorio_http_jobs_running", "gauge", "Heavy requests being handled on the job pool.", jobs_->running);
  gauge("territorio_http_jobs_queued", "gauge", "Heavy requests waiting for a job pool thread.", jobs_->queued);
  gauge("territorio_http_jobs_completed_total", "counter", "Heavy requests the job pool has handled.",
        jobs_->completed);
  gauge("territorio_http_jobs_rejected_total", "counter", "Heavy requests refused with 503 because the queue was full.",
        jobs_->rejected);
  return requests + durations + jobs;
}

}  // namespace server::http
