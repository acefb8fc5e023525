#include "geo/geos/flat_polygon_io.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include "geo/error.h"

namespace geo {

namespace {

struct XyHash {
  std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& p) const {
    return static_cast<std::size_t>(p.first * 0x9e3779b97f4a7c15ull ^ (p.second + (p.second << 17)));
  }
};

void varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

}  // namespace

void write_polygon_lists(ByteWriter& out, const std::vector<const std::vector<FlatPolygon>*>& lists) {
  // The vertex table, by the bits of (x, y): equal doubles are one vertex.
  std::unordered_map<std::pair<std::uint64_t, std::uint64_t>, std::uint32_t, XyHash> number;
  std::vector<double> table;
  std::string rings;  // the lists, ring by ring
  for (const std::vector<FlatPolygon>* list : lists) {
    varint(rings, list->size());
    for (const FlatPolygon& p : *list) {
      varint(rings, p.rings.size());
      for (const std::vector<double>& ring : p.rings) {
        varint(rings, ring.size() / 2);
        std::int64_t previous = 0;
        for (std::size_t k = 0; k + 1 < ring.size(); k += 2) {
          const auto key = std::make_pair(std::bit_cast<std::uint64_t>(ring[k]), std::bit_cast<std::uint64_t>(ring[k + 1]));
          const auto [it, fresh] = number.emplace(key, static_cast<std::uint32_t>(table.size() / 2));
          if (fresh) {
            table.push_back(ring[k]);
            table.push_back(ring[k + 1]);
          }
          const std::int64_t delta = static_cast<std::int64_t>(it->second) - previous;
          varint(rings, (static_cast<std::uint64_t>(delta) << 1) ^ static_cast<std::uint64_t>(delta >> 63));
          previous = it->second;
        }
      }
    }
  }
  out.f64s(table);
  out.u64(lists.size());
  out.text(rings);
}

namespace {

// Reads varints from a byte range, each checked against its end.
class Varints {
 public:
  explicit Varints(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}
  std::uint64_t next() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) throw FormatError("polygon record truncated");
      const auto b = static_cast<std::uint8_t>(*p_++);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    throw FormatError("polygon record damaged: varint too long");
  }
  // A count of items that each take at least one more byte.
  std::size_t count() {
    const std::uint64_t n = next();
    if (n > static_cast<std::uint64_t>(end_ - p_)) throw FormatError("polygon record damaged: count out of range");
    return static_cast<std::size_t>(n);
  }
  bool done() const { return p_ == end_; }

 private:
  const char* p_;
  const char* end_;
};

}  // namespace

std::vector<std::vector<FlatPolygon>> read_polygon_lists(ByteReader& in) {
  const std::vector<double> table = in.f64s();
  const std::int64_t vertices = static_cast<std::int64_t>(table.size() / 2);
  const std::size_t n = in.count(0);
  const std::string_view bytes = in.take(static_cast<std::size_t>(in.count(1)));
  if (n > bytes.size()) throw FormatError("polygon record damaged: count out of range");
  Varints v(bytes);
  std::vector<std::vector<FlatPolygon>> lists(n);
  for (std::vector<FlatPolygon>& list : lists) {
    list.resize(v.count());
    for (FlatPolygon& p : list) {
      p.rings.resize(v.count());
      for (std::vector<double>& ring : p.rings) {
        const std::size_t points = v.count();
        ring.resize(points * 2);
        std::int64_t at = 0;
        for (std::size_t k = 0; k < points; ++k) {
          const std::uint64_t z = v.next();
          if ((z >> 1) > static_cast<std::uint64_t>(vertices)) throw FormatError("polygon record damaged: vertex out of range");
          at += static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
          if (at < 0 || at >= vertices) throw FormatError("polygon record damaged: vertex out of range");
          ring[2 * k] = table[static_cast<std::size_t>(2 * at)];
          ring[2 * k + 1] = table[static_cast<std::size_t>(2 * at + 1)];
        }
      }
    }
  }
  if (!v.done()) throw FormatError("polygon record damaged: bytes past its end");
  return lists;
}

}  // namespace geo
