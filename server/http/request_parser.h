#pragma once
// An incremental HTTP/1.1 request parser (RFC 9112): bytes in, whole
// requests out. Pure: no sockets, no clock, no threads. Bytes may arrive
// split at any point, and one buffer may hold several requests
// (pipelining): what follows a complete request stays buffered for the next.
//
// Strict where leniency lets two parsers disagree on where a request ends
// (request smuggling): no obsolete line folding, no whitespace before a
// field's colon, one Host on HTTP/1.1, Content-Length and Transfer-Encoding
// never together. Lenient where RFC 9112 allows it harmlessly: a bare LF
// ends a line, empty lines before a request line are skipped.
//
// Bodies: Content-Length, or Transfer-Encoding: chunked (decoded; trailer
// fields are read and dropped). Any other transfer coding is 501.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace server::http {

struct ParserLimits {
  std::size_t max_head = 64 * 1024;  // request line and header fields, in bytes (431; 414 for the line)
  std::size_t max_fields = 100;      // header fields per request (431)
  std::size_t max_body = std::size_t{32} << 20;  // body after chunked decoding (413)
};

struct RequestHead {
  std::string method;   // a token, case kept: "GET"
  std::string target;   // as sent: "/a/b?c=d"
  std::string version;  // "HTTP/1.1" or "HTTP/1.0"
  std::vector<std::pair<std::string, std::string>> fields;  // lower-case names, trimmed values, in order
};

struct ParsedRequest {
  RequestHead head;
  std::string body;  // chunked coding removed; any Content-Encoding still applied
};

class RequestParser {
 public:
  explicit RequestParser(ParserLimits limits = {});

  // Appends received bytes. Nothing is parsed until advance().
  void feed(std::string_view bytes);

  // Parses as far as the buffered bytes allow: true once a whole request
  // is in (take it with take()). Throws HttpError (400, 413, 414, 431, 501,
  // 505) for a request that cannot be read; the stream is then unusable.
  bool advance();

  // The head of the request being read, once head_complete().
  bool head_complete() const { return state_ != State::head; }
  const RequestHead& head() const { return request_.head; }
  // Declared body bytes not yet received (0 when chunked or none).
  bool body_complete() const { return state_ == State::done; }

  // The complete request; the parser moves on to the next one.
  ParsedRequest take();

  // Whether any byte of a next request has arrived (or is being parsed).
  bool started() const;
  // Bytes received and not yet consumed by a request.
  std::size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  enum class State { head, length_body, chunk_size, chunk_data, chunk_data_end, trailers, done };

  bool parse_head();
  void start_body();
  bool read_length_body();
  bool read_chunked();
  // One line from consumed_ on (without its CRLF or LF), or false if the
  // line is not all here. Bare CR is refused.
  bool next_line(std::string_view& line, std::size_t max_length, int status, const char* what);
  void compact();

  ParserLimits limits_;
  std::string buffer_;
  std::size_t consumed_ = 0;  // bytes of buffer_ already parsed
  std::size_t scanned_ = 0;   // where the search for the head's end resumes
  State state_ = State::head;
  ParsedRequest request_;
  std::size_t remaining_ = 0;        // of the Content-Length body or the current chunk
  std::size_t trailer_bytes_ = 0;    // bounded like the head
  std::size_t trailer_fields_ = 0;
};

}  // namespace server::http
