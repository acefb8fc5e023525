#include "server/http/file_body.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

namespace server::http {

FileBody::FileBody(const std::string& path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error("cannot open " + path + " to send it");
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    ::close(fd_);
    throw std::runtime_error("cannot stat " + path);
  }
  size_ = static_cast<std::size_t>(st.st_size);
}

FileBody::~FileBody() {
  if (fd_ >= 0) ::close(fd_);
}

std::string FileBody::read(std::size_t max) {
  // Never past the size announced: the length sent is the length promised.
  std::string out(std::min(max, size_ - offset_), '\0');
  std::size_t got = 0;
  while (got < out.size()) {
    const ssize_t n = ::pread(fd_, out.data() + got, out.size() - got, static_cast<off_t>(offset_ + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("a file being sent ended or failed before its size");
    got += static_cast<std::size_t>(n);
  }
  offset_ += got;
  return out;
}

}  // namespace server::http
