#pragma once
// Pistache's request parser, extended to keep the request line and header
// block exactly as received: Pistache's own Request holds query parameters
// and headers in unordered_maps, losing their order and any repeats, and
// leaves the query undecoded. We re-read both parts from the recorded text.
// It also notices bytes that follow a request, which Pistache discards.
#include <pistache/http.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace server::http {

class RecordingParser final : public Pistache::Http::RequestParser {
 public:
  explicit RecordingParser(std::size_t max_request_bytes);
  // The recording steps point into this object, so it must stay put.
  RecordingParser(const RecordingParser&) = delete;
  RecordingParser& operator=(const RecordingParser&) = delete;
  RecordingParser(RecordingParser&&) = delete;
  RecordingParser& operator=(RecordingParser&&) = delete;
  ~RecordingParser() override = default;

  // Ready for the next request on the connection.
  void reset() override;

  const std::string& request_line() const { return request_line_; }  // "GET /a?b=1 HTTP/1.1\r\n"
  const std::string& header_block() const { return header_block_; }  // "Host: h\r\n...\r\n"
  bool head_complete() const { return !header_block_.empty(); }
  // Bytes followed the complete request (a pipelining client). Pistache
  // drops them, so the connection must close after this response.
  bool pipelined() const { return pipelined_; }

  // Our handler's bookkeeping for the request being read; reset() clears it.
  std::size_t bytes_fed = 0;
  bool head_checked = false;  // Content-Length and Expect looked at once

  // Set once the connection's last response is queued; input is then
  // ignored until the connection closes. Survives reset().
  bool closing = false;

 private:
  std::string request_line_;
  std::string header_block_;
  bool pipelined_ = false;
};

struct RequestHead {
  std::string method;
  std::string target;
  std::string version;                                      // "HTTP/1.1"
  std::vector<std::pair<std::string, std::string>> fields;  // lower-case names, in order
};

// The recorded request line and header block, split up. Pistache has
// already validated their syntax.
RequestHead parse_head(const RecordingParser& parser);

}  // namespace server::http
