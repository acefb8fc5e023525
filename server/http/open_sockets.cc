#include "server/http/open_sockets.h"

#include <sys/stat.h>
#include <unistd.h>

namespace server::http {
namespace {

unsigned long inode_of(int fd) {
  struct stat info {};
  return ::fstat(fd, &info) == 0 && S_ISSOCK(info.st_mode) ? info.st_ino : 0;
}

}  // namespace

void OpenSockets::add(int fd) {
  const unsigned long inode = inode_of(fd);
  const std::lock_guard lock(mutex_);
  inodes_[fd] = inode;
}

void OpenSockets::close_leaked() {
  const std::lock_guard lock(mutex_);
  for (const auto& [fd, inode] : inodes_) {
    if (inode != 0 && inode_of(fd) == inode) ::close(fd);
  }
  inodes_.clear();
}

}  // namespace server::http
