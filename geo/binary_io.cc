#include "geo/binary_io.h"

#include <cstring>

#include "geo/error.h"

namespace geo {

void ByteWriter::f32s(const std::vector<float>& v) {
  u64(v.size());
  raw(v.data(), v.size() * sizeof(float));
}

void ByteWriter::f64s(const std::vector<double>& v) {
  u64(v.size());
  raw(v.data(), v.size() * sizeof(double));
}

void ByteWriter::text(std::string_view s) {
  u64(s.size());
  raw(s.data(), s.size());
}

void ByteReader::need(std::size_t size) const {
  if (size > left()) throw FormatError("binary record truncated: " + std::to_string(size) + " bytes needed, " +
                                       std::to_string(left()) + " left");
}

std::string_view ByteReader::take(std::size_t size) {
  need(size);
  const std::string_view out = in_.substr(at_, size);
  at_ += size;
  return out;
}

std::uint8_t ByteReader::u8() { return static_cast<std::uint8_t>(take(1)[0]); }

std::uint32_t ByteReader::u32() {
  std::uint32_t v;
  std::memcpy(&v, take(sizeof v).data(), sizeof v);
  return v;
}

std::uint64_t ByteReader::u64() {
  std::uint64_t v;
  std::memcpy(&v, take(sizeof v).data(), sizeof v);
  return v;
}

double ByteReader::f64() {
  double v;
  std::memcpy(&v, take(sizeof v).data(), sizeof v);
  return v;
}

std::size_t ByteReader::count(std::size_t min_item_bytes) {
  const std::uint64_t n = u64();
  if (min_item_bytes > 0 && n > left() / min_item_bytes)
    throw FormatError("binary record damaged: a count of " + std::to_string(n) + " with " + std::to_string(left()) +
                      " bytes left");
  if (min_item_bytes == 0 && n > left()) throw FormatError("binary record damaged: count out of range");
  return static_cast<std::size_t>(n);
}

std::vector<float> ByteReader::f32s() {
  const std::size_t n = count(sizeof(float));
  std::vector<float> v(n);
  std::memcpy(v.data(), take(n * sizeof(float)).data(), n * sizeof(float));
  return v;
}

std::vector<double> ByteReader::f64s() {
  const std::size_t n = count(sizeof(double));
  std::vector<double> v(n);
  std::memcpy(v.data(), take(n * sizeof(double)).data(), n * sizeof(double));
  return v;
}

std::string ByteReader::text() {
  const std::size_t n = count(1);
  return std::string(take(n));
}

void ByteReader::expect_end() const {
  if (left() != 0) throw FormatError("binary record damaged: " + std::to_string(left()) + " bytes past its end");
}

namespace {
constexpr std::uint64_t kPrime1 = 0x9e3779b185ebca87ull, kPrime2 = 0xc2b2ae3d27d4eb4full;
std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
}  // namespace

void Hasher::mix(std::uint64_t w) {
  h_ = rotl(h_ ^ (w * kPrime2), 31) * kPrime1;
  ++n_;
}

void Hasher::add(std::string_view bytes) {
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    mix(w);
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  mix(tail ^ (static_cast<std::uint64_t>(bytes.size() - i) << 56));
  mix(bytes.size());
}

std::uint64_t Hasher::value() const {
  // The finaliser of MurmurHash3: every input bit reaches every output bit.
  std::uint64_t h = h_ ^ n_;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

std::uint64_t hash_bytes(std::string_view bytes) {
  Hasher h;
  h.add(bytes);
  return h.value();
}

}  // namespace geo
