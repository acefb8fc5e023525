#include "layers/join/gdal_csv_text.h"

#include <charconv>
#include <climits>
#include <cmath>

#include "geo/utf8.h"

namespace layers::gdal_csv {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// [+-]?digits(.digits)?
bool is_plain_decimal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const std::size_t int_start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == int_start) return false;
  if (i == s.size()) return true;
  if (s[i] != '.') return false;
  const std::size_t frac_start = ++i;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i > frac_start && i == s.size();
}

// Characters of the text GDAL's CPLGetValueType could read as a number
// (digits, signs, dot, exponent letters, white space).
bool number_like(std::string_view s) {
  for (const char c : s)
    if (!is_digit(c) && c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E' && c != 'd' && c != 'D' &&
        c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f')
      return false;
  return true;
}

void append_g15(double v, std::string& out) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 15);
  out.append(buf, r.ptr);
}

bool is_int(double v) { return v >= INT_MIN && v <= INT_MAX && v == static_cast<int>(v); }
}  // namespace

bool append_string(std::string_view value, std::string& out) {
  if (value.empty()) return true;
  bool quote = false;
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    // GDAL's reader drops a CR inside a quoted field: such records are left to it.
    if (u < 0x20 && c != '\t' && c != '\n') return false;
    if (c == ',' || c == ';' || c == '"' || c == '\t' || c == '\n') quote = true;
  }
  if (!quote && number_like(value)) {
    if (!is_plain_decimal(value)) return false;
    quote = true;
  }
  if (geo::invalid_utf8_offset(value) != std::string_view::npos) return false;
  if (!quote) {
    out.append(value);
    return true;
  }
  out += '"';
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return true;
}

std::optional<double> plain_coordinate(std::string_view text) {
  if (!is_plain_decimal(text)) return std::nullopt;
  const char* b = text.data();
  if (*b == '+') ++b;  // from_chars takes no plus sign
  double v = 0;
  const auto r = std::from_chars(b, text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
  const double a = std::fabs(v);
  if (!(a >= 1 && a < 1e9)) return std::nullopt;
  return v;
}

void append_real(double v, std::string& out) { append_g15(v, out); }

void append_point_wkt(double x, double y, std::string& out) {
  out += "\"POINT (";
  if (is_int(x) && is_int(y)) {
    out += std::to_string(static_cast<int>(x));
    out += ' ';
    out += std::to_string(static_cast<int>(y));
  } else {
    const double xy[2] = {x, y};
    for (int i = 0; i < 2; ++i) {
      if (i == 1) out += ' ';
      const std::size_t start = out.size();
      append_g15(xy[i], out);
      if (out.find_first_not_of("0123456789", start) == std::string::npos) out += ".0";
    }
  }
  out += ")\"";
}

}  // namespace layers::gdal_csv
