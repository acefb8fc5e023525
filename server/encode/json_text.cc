#include "server/encode/json_text.h"

#include <charconv>
#include <cmath>

#include "geo/json_text.h"

namespace server::encode {

void append_json_string(std::string& out, std::string_view text) { geo::append_json_string(out, text); }

void append_json_int(std::string& out, std::int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_json_double(std::string& out, double v) {
  if (!std::isfinite(v)) {  // JSON has no NaN or infinity
    out += "null";
    return;
  }
  char buf[400];  // fixed notation of the largest double fits
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  const std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
  out += s;
  if (s.find('.') == std::string_view::npos) out += ".0";
}

}  // namespace server::encode
