#include "server/http/content_coding.h"

#include <zlib.h>

#include <algorithm>
#include <vector>

#include "server/http/errors.h"
#include "server/http/text.h"

namespace server::http {
namespace {

constexpr std::size_t kMaxCodings = 4;  // "gzip, gzip" is legal; a long list is not a client's need
constexpr std::size_t kPieceBytes = 256 * 1024;

// zlib's stream, ended on every path.
class Inflater {
 public:
  Inflater() {
    // windowBits 15 + 16: the gzip wrapper only (RFC 1952), not raw zlib.
    if (inflateInit2(&z_, 15 + 16) != Z_OK) throw std::bad_alloc();
  }
  ~Inflater() { inflateEnd(&z_); }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  z_stream* operator->() { return &z_; }
  z_stream* get() { return &z_; }

 private:
  z_stream z_{};
};

[[noreturn]] void corrupt() { throw BadRequest("the request body is not valid gzip data"); }

}  // namespace

std::string gunzip(std::string_view data, std::size_t max_bytes) {
  if (data.empty()) corrupt();
  Inflater z;
  z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  std::size_t left = data.size();
  std::string out;
  for (;;) {
    // zlib counts in uInt; feed large inputs in slices.
    if (z->avail_in == 0 && left > 0) {
      z->avail_in = static_cast<uInt>(std::min<std::size_t>(left, 1U << 30));
      left -= z->avail_in;
    }
    const std::size_t before = out.size();
    const std::size_t room = std::min(kPieceBytes, max_bytes + 1 - std::min(before, max_bytes));
    out.resize(before + room);
    z->next_out = reinterpret_cast<Bytef*>(out.data() + before);
    z->avail_out = static_cast<uInt>(room);
    const int rc = inflate(z.get(), Z_NO_FLUSH);
    out.resize(before + room - z->avail_out);
    if (out.size() > max_bytes) {
      throw PayloadTooLarge("the request body inflates beyond the limit of " + std::to_string(max_bytes) + " bytes",
                            {{"limit_bytes", max_bytes}});
    }
    if (rc == Z_STREAM_END) {
      if (z->avail_in == 0 && left == 0) return out;
      // Another gzip member follows (RFC 1952 2.2).
      if (inflateReset(z.get()) != Z_OK) corrupt();
      continue;
    }
    if (rc == Z_BUF_ERROR && z->avail_in == 0 && left == 0) corrupt();  // cut short
    if (rc != Z_OK && rc != Z_BUF_ERROR) corrupt();
  }
}

void decode_content(Request& request, std::size_t max_bytes) {
  const auto field = request.header("content-encoding");
  if (!field || request.body.empty()) return;  // nothing to decode, nothing to refuse
  std::vector<std::string> codings;
  std::string_view list = *field;
  for (;;) {
    const auto comma = list.find(',');
    const std::string coding = to_lower(trim(list.substr(0, comma)));
    if (!coding.empty() && coding != "identity") codings.push_back(coding);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  if (codings.size() > kMaxCodings) throw BadRequest("too many content codings");
  for (const auto& coding : codings) {
    if (coding != "gzip" && coding != "x-gzip") {
      throw UnsupportedMediaType("the content coding '" + coding + "' is not supported; send gzip or none",
                                 {{"allowed", {"gzip", "identity"}}});
    }
  }
  // Codings are listed in the order applied: undo the last first.
  for (std::size_t i = 0; i < codings.size(); ++i) request.body = gunzip(request.body, max_bytes);
  std::erase_if(request.headers, [](const auto& f) { return f.first == "content-encoding"; });
}

}  // namespace server::http
