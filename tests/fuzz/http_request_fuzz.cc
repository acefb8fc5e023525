// Fuzzes the HTTP/1.1 request parser (server/http/request_parser.h) with
// arbitrary bytes, fed in two pieces split at a point the input chooses,
// as a socket would deliver them. Every outcome must be a request or an
// HttpError, and what the parser reports must hold together.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/http/errors.h"
#include "server/http/request_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  // The first two bytes choose the split; small limits reach the limit paths.
  const std::size_t split = (static_cast<std::size_t>(data[0]) << 8 | data[1]) % (size - 1);
  const std::string_view input(reinterpret_cast<const char*>(data) + 2, size - 2);
  server::http::ParserLimits limits;
  limits.max_head = 4096;
  limits.max_fields = 16;
  limits.max_body = 8192;
  server::http::RequestParser parser(limits);
  try {
    for (const std::string_view piece : {input.substr(0, split), input.substr(split)}) {
      parser.feed(piece);
      while (parser.advance()) {
        const server::http::ParsedRequest request = parser.take();
        if (request.body.size() > limits.max_body) std::abort();
        if (request.head.method.empty() || request.head.target.empty()) std::abort();
        if (request.head.fields.size() > limits.max_fields) std::abort();
      }
    }
  } catch (const server::http::HttpError& e) {
    if (e.status() < 400 || e.status() > 599) std::abort();
  }
  return 0;
}
