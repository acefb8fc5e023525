// Binary records read back what was written, and a truncated or damaged
// record throws geo::FormatError before reading past its end or
// allocating what its counts claim.
#include "geo/binary_io.h"

#include <gtest/gtest.h>

#include <limits>

#include "geo/error.h"
#include "geo/geos/flat_polygon_io.h"

namespace {

TEST(BinaryIo, ReadsBackWhatWasWritten) {
  geo::ByteWriter out;
  out.u8(7);
  out.u32(123456);
  out.u64(std::numeric_limits<std::uint64_t>::max());
  out.f64(-0.1);
  out.text("Ñuble");
  out.f64s({1.5, -2.25});
  out.f32s({0.5f});
  geo::ByteReader in(out.bytes());
  EXPECT_EQ(in.u8(), 7);
  EXPECT_EQ(in.u32(), 123456u);
  EXPECT_EQ(in.u64(), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(in.f64(), -0.1);
  EXPECT_EQ(in.text(), "Ñuble");
  EXPECT_EQ(in.f64s(), (std::vector<double>{1.5, -2.25}));
  EXPECT_EQ(in.f32s(), (std::vector<float>{0.5f}));
  EXPECT_NO_THROW(in.expect_end());
  EXPECT_THROW(in.u8(), geo::FormatError);
}

TEST(BinaryIo, TruncatedRecordsThrow) {
  geo::ByteWriter out;
  out.text("abcdef");
  for (std::size_t n = 0; n < out.bytes().size(); ++n) {
    geo::ByteReader in(std::string_view(out.bytes()).substr(0, n));
    EXPECT_THROW(in.text(), geo::FormatError) << n;
  }
  geo::ByteReader in(out.bytes());
  in.u32();
  EXPECT_THROW(in.expect_end(), geo::FormatError);
}

TEST(BinaryIo, HugeCountsThrowWithoutAllocating) {
  geo::ByteWriter out;
  out.u64(std::numeric_limits<std::uint64_t>::max() / 4);
  out.u64(0);
  geo::ByteReader a(out.bytes());
  EXPECT_THROW(a.f64s(), geo::FormatError);
  geo::ByteReader b(out.bytes());
  EXPECT_THROW(b.text(), geo::FormatError);
  geo::ByteReader c(out.bytes());
  EXPECT_THROW(geo::read_polygon_lists(c), geo::FormatError);
  geo::ByteReader d(out.bytes());
  EXPECT_THROW(d.count(0), geo::FormatError);
}

TEST(BinaryIo, PolygonListsRoundTripBitForBit) {
  std::vector<geo::FlatPolygon> fine(2), coarse(1);
  fine[0].rings = {{0, 0, 1, 0, 1, 1, 0, 1, 0, 0}, {0.1, 0.1, 0.2, 0.1, 0.2, 0.2, 0.1, 0.1}};
  fine[1].rings = {{-7.9e6 + 1e-9, -3.9e6, -7.8e6, -3.9e6, -7.8e6, -3.8e6, -7.9e6 + 1e-9, -3.9e6}};
  coarse[0].rings = {{0, 0, 1, 1, 0, 1, 0, 0}};  // a subset, another order
  const std::vector<geo::FlatPolygon> none;
  geo::ByteWriter out;
  geo::write_polygon_lists(out, {&fine, &none, &coarse});
  geo::ByteReader in(out.bytes());
  const auto back = geo::read_polygon_lists(in);
  in.expect_end();
  ASSERT_EQ(back.size(), 3u);
  ASSERT_EQ(back[0].size(), 2u);
  EXPECT_EQ(back[0][0].rings, fine[0].rings);
  EXPECT_EQ(back[0][1].rings, fine[1].rings);
  EXPECT_TRUE(back[1].empty());
  ASSERT_EQ(back[2].size(), 1u);
  EXPECT_EQ(back[2][0].rings, coarse[0].rings);

  // Every truncation throws; so does a vertex number out of the table.
  for (std::size_t n = 0; n < out.bytes().size(); ++n) {
    geo::ByteReader cut(std::string_view(out.bytes()).substr(0, n));
    EXPECT_THROW(geo::read_polygon_lists(cut), geo::FormatError) << n;
  }
  std::string damaged = out.bytes();
  damaged[damaged.size() - 2] = 0x7e;  // a far jump
  geo::ByteReader bad(damaged);
  EXPECT_THROW(geo::read_polygon_lists(bad), geo::FormatError);
}

TEST(BinaryIo, HashSeesEveryByteAndTheLength) {
  EXPECT_EQ(geo::hash_bytes("abc"), geo::hash_bytes("abc"));
  EXPECT_NE(geo::hash_bytes("abc"), geo::hash_bytes("abd"));
  EXPECT_NE(geo::hash_bytes("abc"), geo::hash_bytes(std::string_view("abc\0", 4)));
  EXPECT_NE(geo::hash_bytes(""), geo::hash_bytes(std::string_view("\0", 1)));
  const std::string long_text(1000, 'x');
  std::string other = long_text;
  other[500] = 'y';
  EXPECT_NE(geo::hash_bytes(long_text), geo::hash_bytes(other));
}

}  // namespace
