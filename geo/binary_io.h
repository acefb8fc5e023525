#pragma once
// Binary records of our own files (caches that are rebuilt when they do not
// read back): a writer appending native little-endian values to a string,
// a reader over bytes whose every read, and every count it is told, is
// checked against what is left, so a truncated or damaged file gives
// geo::FormatError, never a read past its end or a huge allocation; and a
// fast 64-bit hash to key and check such files (not a cryptographic one).
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace geo {

static_assert(std::endian::native == std::endian::little, "binary records are written little-endian");

class ByteWriter {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) { raw(&v, sizeof v); }
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void f32s(const std::vector<float>& v);     // count, then the values
  void f64s(const std::vector<double>& v);    // count, then the values
  void text(std::string_view s);              // length, then the bytes
  void raw(const void* data, std::size_t size) { out_.append(static_cast<const char*>(data), size); }

  const std::string& bytes() const { return out_; }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}

  std::uint8_t u8();
  std::uint32_t u32();
  std::uint64_t u64();
  double f64();
  std::vector<float> f32s();
  std::vector<double> f64s();
  std::string text();
  // A count of items that each take at least min_item_bytes more: checked
  // against what is left, so a damaged count cannot ask for a huge vector.
  std::size_t count(std::size_t min_item_bytes);
  std::string_view take(std::size_t size);

  std::size_t left() const { return in_.size() - at_; }
  // Throws unless every byte was read.
  void expect_end() const;

 private:
  void need(std::size_t size) const;
  std::string_view in_;
  std::size_t at_ = 0;
};

// A streaming 64-bit hash of bytes and values, word at a time.
class Hasher {
 public:
  void add(std::string_view bytes);
  void u64(std::uint64_t v) { mix(v); }
  void f64(double v) { mix(std::bit_cast<std::uint64_t>(v)); }
  std::uint64_t value() const;

 private:
  void mix(std::uint64_t w);
  std::uint64_t h_ = 0x6a09e667f3bcc909ull;
  std::uint64_t n_ = 0;
};

// The hash of bytes alone.
std::uint64_t hash_bytes(std::string_view bytes);

}  // namespace geo
