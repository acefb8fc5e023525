// gzip with zlib: round trips, deterministic bytes, several members, refusal of other data.
#include <gtest/gtest.h>

#include "geo/error.h"
#include "geo/gzip.h"

namespace {

TEST(Gzip, RoundTripsDeterministicallyAndReadsSeveralMembers) {
  std::string data;
  for (int i = 0; i < 100000; ++i) data += static_cast<char>(i % 251);
  const std::string packed = geo::gzip_compress(data);
  EXPECT_EQ(packed.substr(0, 3), "\x1f\x8b\x08");
  EXPECT_EQ(packed, geo::gzip_compress(data));
  EXPECT_EQ(geo::gzip_decompress(packed), data);
  EXPECT_EQ(geo::gzip_decompress(geo::gzip_compress("")), "");
  EXPECT_EQ(geo::gzip_decompress(geo::gzip_compress("ab") + geo::gzip_compress("cd")), "abcd");
}

TEST(Gzip, RefusesDataThatIsNotGzipOrIsCutShort) {
  EXPECT_THROW(geo::gzip_decompress("\x1a\x02hello"), geo::Error);
  const std::string packed = geo::gzip_compress(std::string(5000, 'x'));
  EXPECT_THROW(geo::gzip_decompress(packed.substr(0, packed.size() / 2)), geo::Error);
}

}  // namespace
