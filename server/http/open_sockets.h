#pragma once
// The sockets Pistache accepted, so that stop() can close those it leaks:
// Pistache 0.0.5 drops its peers without closing their sockets when the
// endpoint shuts down, and clients of a stopped server would then wait on
// a dead connection forever.
#include <map>
#include <mutex>

namespace server::http {

class OpenSockets {
 public:
  // Records an accepted socket; called on the worker threads.
  void add(int fd);
  // Closes every recorded fd still open on the socket it was recorded
  // with. Call only once Pistache is gone (workers joined): an fd closed
  // and reused since has another inode, so it is left alone.
  void close_leaked();

 private:
  std::mutex mutex_;
  // By fd number: a reused number replaces the old entry, so the map
  // stays as small as the process's fd table.
  std::map<int, unsigned long> inodes_;
};

}  // namespace server::http
