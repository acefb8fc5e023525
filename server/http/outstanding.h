#pragma once
// Requests of queued routes (router.h, Work::queued) that another thread
// has yet to answer. A stopping server closes the count and waits until
// it is zero, so no answer is handed to a worker's transport after that
// transport is gone; a request that arrives once it is closed is refused.
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace server::http {

class Outstanding {
 public:
  // Counts one more; false once closed (the request is then refused).
  bool try_add();
  // One was answered (and handed to its worker).
  void remove();
  // Refuses new ones and waits for those counted.
  void close_and_wait();

 private:
  std::mutex mutex_;
  std::condition_variable none_;
  std::size_t count_ = 0;
  bool closed_ = false;
};

}  // namespace server::http
