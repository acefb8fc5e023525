#include "geo/json_text.h"

#include "geo/utf8.h"

namespace geo {

namespace {
void append_escaped(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(text.data() + run, text.size() - run);
}
}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  while (!text.empty()) {
    const std::size_t bad = invalid_utf8_offset(text);
    if (bad == std::string_view::npos) {
      append_escaped(out, text);
      break;
    }
    append_escaped(out, text.substr(0, bad));
    out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
    text.remove_prefix(bad + 1);
  }
  out += '"';
}

}  // namespace geo
