#include "layers/model/text_normalize.h"

#include <cstddef>

namespace layers {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at text[pos] and advances pos past it. Malformed
// input (bad lead byte, overlong form, surrogate, truncated sequence) gives
// kInvalid and advances one byte, so decoding resynchronises on the next one.
char32_t decode_next(std::string_view text, std::size_t& pos) {
  const auto byte_at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte_at(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  std::size_t length = 0;
  char32_t cp = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0F;
    if (lead == 0xE0) lo = 0xA0;  // overlong
    if (lead == 0xED) hi = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07;
    if (lead == 0xF0) lo = 0x90;  // overlong
    if (lead == 0xF4) hi = 0x8F;  // beyond U+10FFFF
  } else {
    ++pos;
    return kInvalid;
  }
  if (pos + length > text.size()) {
    ++pos;
    return kInvalid;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char b = byte_at(pos + i);
    if (b < lo || b > hi) {
      ++pos;
      return kInvalid;
    }
    lo = 0x80;
    hi = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
  }
  pos += length;
  return cp;
}

void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  }
  if (cp >= 0x80) out += static_cast<char>(0x80 | (cp & 0x3F));
}

// U+00C0..U+00FF in order; "" marks × and ÷, which are separators.
constexpr std::string_view kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c",   // ÀÁÂÃÄÅÆÇ
    "e", "e", "e", "e", "i", "i", "i", "i",    // ÈÉÊËÌÍÎÏ
    "d", "n", "o", "o", "o", "o", "o", "",     // ÐÑÒÓÔÕÖ×
    "o", "u", "u", "u", "u", "y", "th", "ss",  // ØÙÚÛÜÝÞß
    "a", "a", "a", "a", "a", "a", "ae", "c",   // àáâãäåæç
    "e", "e", "e", "e", "i", "i", "i", "i",    // èéêëìíîï
    "d", "n", "o", "o", "o", "o", "o", "",     // ðñòóôõö÷
    "o", "u", "u", "u", "u", "y", "th", "y",   // øùúûüýþÿ
};

// Base letter of U+0100..U+017F (Latin Extended-A: Č, Ł, Ő, Š, Ž ...);
// 'I' stands for the ligature "ij" and 'O' for "oe".
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiIIjjkkkllllllllll"
    "nnnnnnnnnooooooOOrrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatinExtendedA.size() == 0x80);

bool is_ascii_alnum(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

// Code points that vanish without splitting a word: combining accents (so
// decomposed "i\u0301" folds like "í"), soft hyphen, zero-width characters.
bool is_ignorable(char32_t cp) {
  return (cp >= 0x300 && cp <= 0x36F) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) ||
         cp == 0x2060 || cp == 0xFEFF;
}

// Whitespace and punctuation beyond ASCII: C1 controls and the Latin-1
// symbols (NBSP ¡ ¿ « » º ...), typographic quotes and dashes, ideographic space.
bool is_wide_separator(char32_t cp) {
  return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
         (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2E00 && cp <= 0x2E7F) || cp == 0x3000;
}

// Appends the folded form of one non-separator code point to word.
void append_folded(char32_t cp, std::string& word) {
  if (cp < 0x80) {
    word += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
  } else if (cp >= 0xC0 && cp <= 0xFF) {
    word += kLatin1[cp - 0xC0];
  } else if (cp >= 0x100 && cp <= 0x17F) {
    const char base = kLatinExtendedA[cp - 0x100];
    word += base == 'I' ? "ij" : base == 'O' ? "oe" : std::string(1, base);
  } else {
    append_utf8(cp, word);
  }
}

bool is_separator(char32_t cp) {
  return cp < 0x80 ? !is_ascii_alnum(cp) : is_wide_separator(cp);
}

}  // namespace

std::vector<std::string> name_tokens(std::string_view utf8) {
  std::vector<std::string> tokens;
  std::string word;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const char32_t cp = decode_next(utf8, pos);
    if (cp == kInvalid || is_ignorable(cp)) continue;
    if (!is_separator(cp)) {
      append_folded(cp, word);
    } else if (!word.empty()) {
      tokens.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) tokens.push_back(std::move(word));
  return tokens;
}

std::string normalize_name(std::string_view utf8) {
  std::string folded;
  for (const std::string& token : name_tokens(utf8)) folded += token;
  return folded;
}

}  // namespace layers
