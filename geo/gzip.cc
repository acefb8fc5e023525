#include "geo/gzip.h"

#include <zlib.h>

#include "geo/error.h"

namespace geo {

namespace {
// windowBits 15, plus 16: write a gzip wrapper; plus 32: read gzip or zlib.
constexpr int kGzipWrite = 15 + 16, kAnyRead = 15 + 32;
}  // namespace

std::string gzip_compress(std::string_view bytes, int level) {
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, kGzipWrite, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw Error("gzip: cannot start deflate");
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw Error("gzip: deflate did not finish");
  return out;
}

std::string gzip_decompress(std::string_view bytes) {
  z_stream z{};
  if (inflateInit2(&z, kAnyRead) != Z_OK) throw Error("gzip: cannot start inflate");
  std::string out;
  char buf[1 << 16];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    const int rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (rc == Z_STREAM_END && z.avail_in > 0) {
      inflateReset(&z);  // another member follows
      continue;
    }
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK) {
      inflateEnd(&z);
      throw Error("gzip: the data is not gzip or is cut short");
    }
  }
  inflateEnd(&z);
  return out;
}

}  // namespace geo
