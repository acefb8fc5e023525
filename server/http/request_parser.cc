#include "server/http/request_parser.h"

#include <algorithm>
#include <limits>

#include "server/http/errors.h"
#include "server/http/text.h"

namespace server::http {
namespace {

constexpr std::size_t kMaxChunkLine = 1024;  // hex size and extensions; real clients send a few bytes
constexpr std::size_t kMaxLeadingEmptyLines = 8;

bool is_tchar(unsigned char c) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         kSymbols.find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_token(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return is_tchar(static_cast<unsigned char>(c)); });
}

// field-value characters: VCHAR, obs-text, SP and HTAB (RFC 9110 5.5).
bool is_field_value(std::string_view text) {
  return std::ranges::all_of(text, [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c == '\t' || (c >= 0x20 && c != 0x7f);
  });
}

// uri-host [":" port]: reg-name, IPv4 or an IP-literal in brackets.
bool is_host(std::string_view text) {
  static constexpr std::string_view kAllowed = "-._~!$&'()*+,;=:[]%";
  return std::ranges::all_of(text, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           kAllowed.find(c) != std::string_view::npos;
  });
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

[[noreturn]] void bad(const std::string& detail) { throw BadRequest(detail); }

std::string too_large(std::size_t limit) {
  return "the request body exceeds the limit of " + std::to_string(limit) + " bytes";
}

std::string head_too_large(std::size_t limit) {
  return "the request line and header fields exceed " + std::to_string(limit) + " bytes";
}

// Calls f on each trimmed element of a comma-separated list (RFC 9110 5.6.1), empty ones skipped.
template <typename F>
void for_each_element(std::string_view list, F f) {
  for (;;) {
    const auto comma = list.find(',');
    const std::string_view element = trim(list.substr(0, comma));
    if (!element.empty()) f(element);
    if (comma == std::string_view::npos) return;
    list.remove_prefix(comma + 1);
  }
}

void parse_request_line(std::string_view line, RequestHead& head) {
  const auto first = line.find(' ');
  const auto last = line.rfind(' ');
  if (first == std::string_view::npos || first == last) bad("the request line must be: method, target, version");
  const std::string_view method = line.substr(0, first);
  const std::string_view target = line.substr(first + 1, last - first - 1);
  const std::string_view version = line.substr(last + 1);
  if (!is_token(method)) bad("the request method is not a token");
  if (target.empty() || !std::ranges::all_of(target, [](char c) { return c > 0x20 && c < 0x7f; })) {
    bad("the request target must be visible ASCII without spaces");
  }
  const bool well_formed = version.size() == 8 && version.starts_with("HTTP/") && version[5] >= '0' &&
                           version[5] <= '9' && version[6] == '.' && version[7] >= '0' && version[7] <= '9';
  if (!well_formed) bad("the request line must end in an HTTP version such as HTTP/1.1");
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    throw HttpError(505, "only HTTP/1.0 and HTTP/1.1 are served here");
  }
  head.method = method;
  head.target = target;
  head.version = version;
}

// "name: value" into fields; the checks RFC 9112 5 makes on a field line.
void parse_field_line(std::string_view line, std::vector<std::pair<std::string, std::string>>& fields) {
  if (line.front() == ' ' || line.front() == '\t') bad("obsolete line folding is not accepted (RFC 9112 5.2)");
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) bad("a header field line has no colon");
  const std::string_view name = line.substr(0, colon);
  if (name.empty()) bad("a header field line has no name before its colon");
  if (name.back() == ' ' || name.back() == '\t') bad("whitespace between a field name and its colon (RFC 9112 5.1)");
  if (!is_token(name)) bad("a header field name is not a token");
  const std::string_view value = trim(line.substr(colon + 1));
  if (!is_field_value(value)) bad("a header field value contains control characters");
  fields.emplace_back(to_lower(name), std::string(value));
}

}  // namespace

RequestParser::RequestParser(ParserLimits limits) : limits_(limits) {}

void RequestParser::feed(std::string_view bytes) {
  // A body's bytes go straight to it when nothing waits before them.
  if (state_ == State::length_body && buffered() == 0) {
    const std::size_t n = std::min(remaining_, bytes.size());
    request_.body.append(bytes.substr(0, n));
    remaining_ -= n;
    bytes.remove_prefix(n);
  }
  if (bytes.empty()) return;
  compact();
  buffer_.append(bytes);
}

bool RequestParser::started() const { return state_ != State::head || buffered() > 0; }

void RequestParser::compact() {
  // Moving the unread tail costs as much as the bytes it frees at most.
  if (consumed_ == 0 || consumed_ < buffer_.size() / 2) return;
  buffer_.erase(0, consumed_);
  scanned_ = scanned_ > consumed_ ? scanned_ - consumed_ : 0;
  consumed_ = 0;
}

bool RequestParser::advance() {
  for (;;) {
    switch (state_) {
      case State::head:
        if (!parse_head()) return false;
        start_body();
        break;
      case State::length_body:
        if (!read_length_body()) return false;
        state_ = State::done;
        break;
      case State::chunk_size:
      case State::chunk_data:
      case State::chunk_data_end:
      case State::trailers:
        if (!read_chunked()) return false;
        state_ = State::done;
        break;
      case State::done:
        return true;
    }
  }
}

ParsedRequest RequestParser::take() {
  ParsedRequest out = std::move(request_);
  request_ = ParsedRequest{};
  state_ = State::head;
  remaining_ = 0;
  trailer_bytes_ = 0;
  trailer_fields_ = 0;
  compact();
  scanned_ = consumed_;
  return out;
}

bool RequestParser::parse_head() {
  // RFC 9112 2.2: empty lines before the request line are ignored.
  for (std::size_t skipped = 0; consumed_ < buffer_.size();) {
    if (buffer_[consumed_] == '\n') {
      ++consumed_;
    } else if (buffer_[consumed_] == '\r') {
      if (consumed_ + 1 >= buffer_.size()) return false;
      if (buffer_[consumed_ + 1] != '\n') bad("a bare CR in the request head");
      consumed_ += 2;
    } else {
      break;
    }
    if (++skipped > kMaxLeadingEmptyLines) bad("too many empty lines before the request line");
  }
  const std::size_t start = consumed_;
  scanned_ = std::max(scanned_, start);

  // The head ends with an empty line: LF, then LF or CRLF.
  std::size_t end = std::string::npos;
  for (std::size_t lf = buffer_.find('\n', scanned_); lf != std::string::npos; lf = buffer_.find('\n', lf + 1)) {
    if (lf + 1 >= buffer_.size()) break;
    if (buffer_[lf + 1] == '\n') {
      end = lf + 2;
      break;
    }
    if (buffer_[lf + 1] == '\r') {
      if (lf + 2 >= buffer_.size()) break;
      if (buffer_[lf + 2] == '\n') {
        end = lf + 3;
        break;
      }
    }
    scanned_ = lf + 1;
  }
  const std::size_t head_bytes = (end == std::string::npos ? buffer_.size() : end) - start;
  if (head_bytes > limits_.max_head) {
    const auto first_lf = buffer_.find('\n', start);
    if (first_lf == std::string::npos || first_lf - start > limits_.max_head) {
      throw HttpError(414, "the request line exceeds " + std::to_string(limits_.max_head) + " bytes");
    }
    throw HttpError(431, head_too_large(limits_.max_head));
  }
  if (end == std::string::npos) return false;

  std::string_view text(buffer_.data() + start, end - start);
  bool first = true;
  RequestHead& head = request_.head;
  for (;;) {
    const auto lf = text.find('\n');
    std::string_view line = text.substr(0, lf);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.find('\r') != std::string_view::npos) bad("a bare CR in the request head");
    text.remove_prefix(lf + 1);
    if (line.empty()) break;  // the end of the head
    if (first) {
      parse_request_line(line, head);
      first = false;
    } else {
      if (head.fields.size() >= limits_.max_fields) {
        throw HttpError(431, "more than " + std::to_string(limits_.max_fields) + " header fields");
      }
      parse_field_line(line, head.fields);
    }
  }
  consumed_ = end;
  scanned_ = end;
  return true;
}

void RequestParser::start_body() {
  const RequestHead& head = request_.head;
  const bool http11 = head.version == "HTTP/1.1";
  std::size_t hosts = 0;
  bool has_length = false, has_coding = false, chunked = false;
  std::size_t length = 0;
  for (const auto& [name, value] : head.fields) {
    if (name == "host") {
      ++hosts;
      if (!is_host(value)) bad("the Host field is not a host name with an optional port");
    } else if (name == "content-length") {
      for_each_element(value, [&](std::string_view element) {
        if (!std::ranges::all_of(element, [](char c) { return c >= '0' && c <= '9'; })) {
          bad("Content-Length must be a decimal number of bytes");
        }
        // More digits than the limit has: too large, whatever the value.
        const std::size_t digits = std::to_string(limits_.max_body).size();
        const auto significant = element.substr(std::min(element.find_first_not_of('0'), element.size()));
        std::size_t parsed = std::numeric_limits<std::size_t>::max();
        if (significant.size() <= digits) {
          parsed = 0;
          for (char c : significant) parsed = parsed * 10 + static_cast<std::size_t>(c - '0');
        }
        if (has_length && parsed != length) bad("the request has conflicting Content-Length fields");
        has_length = true;
        length = parsed;
      });
      if (!has_length) bad("Content-Length must be a decimal number of bytes");
    } else if (name == "transfer-encoding") {
      has_coding = true;  // an empty list too: it says the length is not Content-Length
      for_each_element(value, [&](std::string_view element) {
        const std::string coding = to_lower(trim(element.substr(0, element.find(';'))));
        if (chunked) bad("chunked must be the last transfer coding, and only once");
        if (coding == "chunked") {
          chunked = true;
        } else if (!is_token(coding)) {
          bad("Transfer-Encoding is not a list of codings");
        } else {
          throw HttpError(501, "the transfer coding '" + coding + "' is not supported; send chunked or a length");
        }
      });
    }
  }
  if (http11 && hosts != 1) bad(hosts == 0 ? "an HTTP/1.1 request needs a Host field" : "the request has several Host fields");
  if (!http11 && hosts > 1) bad("the request has several Host fields");
  if (has_coding) {
    // RFC 9112 6.1: faulty framing in HTTP/1.0, and an invitation to smuggle with a length.
    if (!http11) bad("Transfer-Encoding is not defined in HTTP/1.0");
    if (has_length) bad("a request may have Content-Length or Transfer-Encoding, not both");
    if (!chunked) bad("chunked must be the last transfer coding");
    state_ = State::chunk_size;
    return;
  }
  if (length > limits_.max_body) throw PayloadTooLarge(too_large(limits_.max_body));
  remaining_ = length;
  state_ = length > 0 ? State::length_body : State::done;
}

bool RequestParser::read_length_body() {
  const std::size_t n = std::min(remaining_, buffered());
  request_.body.append(buffer_, consumed_, n);
  consumed_ += n;
  remaining_ -= n;
  return remaining_ == 0;
}

bool RequestParser::next_line(std::string_view& line, std::size_t max_length, int status, const char* what) {
  const auto lf = buffer_.find('\n', consumed_);
  const std::size_t length = (lf == std::string::npos ? buffer_.size() : lf) - consumed_;
  if (length > max_length + 1) throw HttpError(status, what);
  if (lf == std::string::npos) return false;
  line = std::string_view(buffer_).substr(consumed_, length);
  if (line.ends_with('\r')) line.remove_suffix(1);
  if (line.find('\r') != std::string_view::npos) bad("a bare CR in the chunked body");
  if (line.size() > max_length) throw HttpError(status, what);
  consumed_ = lf + 1;
  return true;
}

bool RequestParser::read_chunked() {
  for (;;) {
    std::string_view line;
    switch (state_) {
      case State::chunk_size: {
        if (!next_line(line, kMaxChunkLine, 400, "a chunk size line is too long")) return false;
        std::size_t size = 0, i = 0;
        for (; i < line.size() && hex_digit(line[i]) >= 0; ++i) {
          if (size > (limits_.max_body >> 4)) throw PayloadTooLarge(too_large(limits_.max_body));
          size = size * 16 + static_cast<std::size_t>(hex_digit(line[i]));
        }
        const std::string_view rest = trim(line.substr(i));
        if (i == 0 || (!rest.empty() && rest.front() != ';') || !is_field_value(rest)) {
          bad("a chunk size must be hexadecimal digits, optionally followed by extensions");
        }
        if (size > limits_.max_body - request_.body.size()) throw PayloadTooLarge(too_large(limits_.max_body));
        remaining_ = size;
        state_ = size == 0 ? State::trailers : State::chunk_data;
        break;
      }
      case State::chunk_data: {
        const std::size_t n = std::min(remaining_, buffered());
        request_.body.append(buffer_, consumed_, n);
        consumed_ += n;
        remaining_ -= n;
        if (remaining_ > 0) return false;
        state_ = State::chunk_data_end;
        break;
      }
      case State::chunk_data_end:
        if (!next_line(line, 0, 400, "chunk data must end with CRLF")) return false;
        state_ = State::chunk_size;
        break;
      case State::trailers: {
        if (!next_line(line, limits_.max_head, 431, "the trailer fields are too large")) return false;
        if (line.empty()) return true;
        trailer_bytes_ += line.size() + 2;
        if (trailer_bytes_ > limits_.max_head || ++trailer_fields_ > limits_.max_fields) {
          throw HttpError(431, "the trailer fields are too large");
        }
        std::vector<std::pair<std::string, std::string>> dropped;  // trailers carry nothing we use
        parse_field_line(line, dropped);
        break;
      }
      default:
        return true;
    }
  }
}

}  // namespace server::http
