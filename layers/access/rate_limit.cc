#include "layers/access/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace layers::access {

bool RateLimiter::allow(const std::string& token_id, Clock::time_point now, int& retry_after) {
  std::lock_guard lock(mutex_);
  forget_idle(now);
  auto [it, fresh] = buckets_.try_emplace(token_id, Bucket{limit_.burst, now});
  Bucket& b = it->second;
  if (!fresh) {
    const double elapsed = std::chrono::duration<double>(now - b.updated).count();
    b.level = std::min(limit_.burst, b.level + std::max(0.0, elapsed) * limit_.per_second);
    b.updated = now;
  }
  if (b.level >= 1) {
    b.level -= 1;
    return true;
  }
  retry_after = std::max(1, static_cast<int>(std::ceil((1 - b.level) / limit_.per_second)));
  return false;
}

void RateLimiter::forget_idle(Clock::time_point now) {
  constexpr auto kIdle = std::chrono::minutes(1);
  if (now - last_sweep_ < kIdle) return;
  last_sweep_ = now;
  // A bucket idle this long has refilled whenever burst / per_second <= 60 s;
  // dropping it then changes nothing a client can observe.
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    it = now - it->second.updated >= kIdle ? buckets_.erase(it) : std::next(it);
  }
}

}  // namespace layers::access
