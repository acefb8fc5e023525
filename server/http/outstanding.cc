#include "server/http/outstanding.h"

namespace server::http {

bool Outstanding::try_add() {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  ++count_;
  return true;
}

void Outstanding::remove() {
  std::lock_guard lock(mutex_);
  if (--count_ == 0) none_.notify_all();
}

void Outstanding::close_and_wait() {
  std::unique_lock lock(mutex_);
  closed_ = true;
  none_.wait(lock, [this] { return count_ == 0; });
}

}  // namespace server::http
