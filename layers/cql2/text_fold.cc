#include "layers/cql2/text_fold.h"

#include <algorithm>
#include <cstdint>

namespace layers::cql2 {
namespace {

struct FoldRow {
  std::uint32_t code_point;
  const char* utf8;  // what the code point becomes ("" for a removed mark)
};

#include "layers/cql2/unicode_fold_tables.inc"

// The code point at s[i] and its length in bytes; a byte that starts no
// well-formed sequence stands for itself (length 1), so nothing is lost.
std::pair<std::uint32_t, std::size_t> decode(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  const auto cont = [&](std::size_t n) {
    for (std::size_t k = 1; k <= n; ++k)
      if (i + k >= s.size() || (b(k) & 0xC0) != 0x80) return false;
    return true;
  };
  if (c < 0x80) return {c, 1};
  if (c >= 0xC2 && c < 0xE0 && cont(1)) return {((c & 0x1Fu) << 6) | (b(1) & 0x3Fu), 2};
  if (c >= 0xE0 && c < 0xF0 && cont(2)) return {((c & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu), 3};
  if (c >= 0xF0 && c < 0xF5 && cont(3))
    return {((c & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu), 4};
  return {0xFFFFFFFFu, 1};  // not a code point: copied as it is
}

// ASCII letters only fold their case, and ASCII has no accents: ASCII
// needs no table search (the common case in our data).
template <std::size_t N>
std::string map_text(std::string_view s, const FoldRow (&table)[N], bool ascii_lower) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += ascii_lower && c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : static_cast<char>(c);
      ++i;
      continue;
    }
    const auto [cp, len] = decode(s, i);
    const auto* row = std::lower_bound(std::begin(table), std::end(table), cp,
                                       [](const FoldRow& r, std::uint32_t c) { return r.code_point < c; });
    if (row != std::end(table) && row->code_point == cp)
      out += row->utf8;
    else
      out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace

std::string casei(std::string_view utf8) { return map_text(utf8, kCaseFold, true); }

std::string accenti(std::string_view utf8) { return map_text(utf8, kAccentStrip, false); }

}  // namespace layers::cql2
