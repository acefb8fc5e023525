#include "server/http/gzip.h"

#include <zlib.h>

#include <cstdlib>
#include <stdexcept>

#include "server/http/response_head.h"
#include "server/http/text.h"

namespace server::http {
namespace {

// Below this a body gains less than the gzip header and the work costs.
constexpr std::size_t kMinBytes = 1024;

bool compressible(const std::string& content_type) {
  const std::string t = to_lower(content_type);
  return t.starts_with("text/") || t.find("json") != std::string::npos || t.find("xml") != std::string::npos ||
         t.find("javascript") != std::string::npos || t.starts_with("application/vnd.oai.openapi");
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  std::size_t start = 0;
  bool star = false, gz = false, gz_named = false;
  while (start <= accept_encoding.size()) {
    std::size_t end = accept_encoding.find(',', start);
    if (end == std::string_view::npos) end = accept_encoding.size();
    std::string_view item = trim(accept_encoding.substr(start, end - start));
    start = end + 1;
    if (item.empty()) continue;
    std::string_view coding = trim(item.substr(0, item.find(';')));
    bool zero = false;
    const auto semi = item.find(';');
    if (semi != std::string_view::npos) {
      std::string_view param = trim(item.substr(semi + 1));
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        const std::string q(trim(param.substr(2)));
        zero = std::strtod(q.c_str(), nullptr) <= 0.0;
      }
    }
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
      gz_named = true;
      gz = !zero;
    } else if (coding == "*") {
      star = !zero;
    }
  }
  return gz_named ? gz : star;
}

std::string gzip(std::string_view data) {
  z_stream z{};
  // windowBits 15 + 16: a gzip wrapper; level 3 keeps large pages cheap.
  if (deflateInit2(&z, 3, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: deflateInit2 failed");
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(data.size())) + 32);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const std::size_t written = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  out.resize(written);
  return out;
}

Response gzip_if_accepted(const std::optional<std::string>& accept_encoding, Response response) {
  if (!status_allows_content(response.status) || response.status == 206 || !compressible(response.content_type) ||
      find_header(response, "Content-Encoding"))
    return response;
  const auto vary = find_header(response, "Vary");
  if (!vary)
    set_header(response, "Vary", "Accept-Encoding");
  else if (to_lower(*vary).find("accept-encoding") == std::string::npos)
    set_header(response, "Vary", *vary + ", Accept-Encoding");
  // A streamed body (a download) goes as it is: its length is sent first.
  if (!accept_encoding || response.stream || response.body.size() < kMinBytes || !accepts_gzip(*accept_encoding) ||
      response.body.size() > 0xFFFFFFF0u)
    return response;
  response.body = gzip(response.body);
  set_header(response, "Content-Encoding", "gzip");
  return response;
}

}  // namespace server::http
