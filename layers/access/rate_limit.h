#pragma once
// Writes per token per second: a token bucket per token id, so one client
// (a script gone wrong, a stolen token) cannot flood the store and the
// audit trail. allow() is thread-safe and O(1); buckets of tokens idle for
// a minute are dropped so the map stays as small as the active tokens.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace layers::access {

struct RateLimit {
  double per_second = 5;  // sustained writes per token
  double burst = 20;      // writes a quiet token may make at once
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(RateLimit limit) : limit_(limit) {}

  // True and one write taken when the token has one left; otherwise false
  // and retry_after set to the whole seconds until it will (at least 1).
  bool allow(const std::string& token_id, Clock::time_point now, int& retry_after);

 private:
  struct Bucket {
    double level = 0;
    Clock::time_point updated;
  };
  void forget_idle(Clock::time_point now);

  RateLimit limit_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  Clock::time_point last_sweep_{};
};

}  // namespace layers::access
