#include "layers/features/feature_value.h"

#include <nlohmann/json.hpp>

namespace layers {

std::string_view field_type_name(FieldType t) {
  switch (t) {
    case FieldType::string: return "string";
    case FieldType::integer: return "integer";
    case FieldType::number: return "number";
    case FieldType::boolean: return "boolean";
  }
  return "string";
}

std::optional<double> as_number(const FieldValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return std::nullopt;
}

std::string as_text(const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return nlohmann::json(*d).dump();
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return "";
}

namespace {

// Base letter of the Latin-1 Supplement letters U+00C0..U+00FF ('\0': keep).
char latin1_base(unsigned cp) {
  static const char* kUpper = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts";   // U+00C0..U+00DF
  static const char* kLower = "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";   // U+00E0..U+00FF
  if (cp >= 0xC0 && cp <= 0xDF) return kUpper[cp - 0xC0];
  if (cp >= 0xE0 && cp <= 0xFF) return kLower[cp - 0xE0];
  return '\0';
}

}  // namespace

std::string fold_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c);
      continue;
    }
    if ((c == 0xC3 || c == 0xC2) && i + 1 < s.size()) {
      const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      if (const char base = latin1_base(cp)) {
        out += base;
        if (cp == 0xDF) out += 's';  // ß -> ss
        ++i;
        continue;
      }
    }
    out += static_cast<char>(c);
  }
  return out;
}

std::optional<int> compare_values(const FieldValue& a, const FieldValue& b) {
  if (is_null(a) || is_null(b)) return std::nullopt;
  const auto na = as_number(a), nb = as_number(b);
  if (na && nb) return *na < *nb ? -1 : *na > *nb ? 1 : 0;
  const auto* sa = std::get_if<std::string>(&a);
  const auto* sb = std::get_if<std::string>(&b);
  if (sa && sb) {
    const int c = fold_text(*sa).compare(fold_text(*sb));
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  const auto* ba = std::get_if<bool>(&a);
  const auto* bb = std::get_if<bool>(&b);
  if (ba && bb) return static_cast<int>(*ba) - static_cast<int>(*bb);
  return std::nullopt;
}

}  // namespace layers
