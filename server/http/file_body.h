#pragma once
// A response body read from a file (a download written to disk first): the
// file is opened at once and may be deleted right after, its bytes stay
// readable until the body is destroyed, and memory stays one piece.
#include <string>

#include "server/http/response.h"

namespace server::http {

class FileBody : public BodySource {
 public:
  // Opens path for reading; std::runtime_error if it cannot.
  explicit FileBody(const std::string& path);
  ~FileBody() override;
  FileBody(const FileBody&) = delete;
  FileBody& operator=(const FileBody&) = delete;

  std::size_t size() const override { return size_; }
  std::string read(std::size_t max) override;

 private:
  int fd_ = -1;
  std::size_t size_ = 0;
  std::size_t offset_ = 0;
};

}  // namespace server::http
