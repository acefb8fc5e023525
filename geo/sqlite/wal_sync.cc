#include "geo/sqlite/wal_sync.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace geo {

namespace {
// The descriptor of one sync, closed whatever happens.
class File {
 public:
  explicit File(int fd) : fd_(fd) {}
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};
}  // namespace

void sync_write_ahead_log(const std::string& database_path) {
  // Opened anew each time: the log is the same file while the writer's
  // connection lives, but a store reopened under its path has another.
  // Any descriptor of a file flushes that file's data.
  const File log(::open((database_path + "-wal").c_str(), O_RDONLY | O_CLOEXEC));
  if (log.fd() < 0) {
    if (errno == ENOENT) return;
    throw std::system_error(errno, std::generic_category(), "cannot open the write-ahead log");
  }
  if (::fdatasync(log.fd()) != 0) throw std::system_error(errno, std::generic_category(), "cannot sync the write-ahead log");
}

}  // namespace geo
