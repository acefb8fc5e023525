#include "server/http/url.h"

#include "geo/utf8.h"
#include "server/http/errors.h"

namespace server::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Calls f for each piece of text between separators, empty pieces included.
template <typename F>
void for_each_piece(std::string_view text, char separator, F f) {
  for (;;) {
    const auto end = text.find(separator);
    f(text.substr(0, end));
    if (end == std::string_view::npos) return;
    text.remove_prefix(end + 1);
  }
}

// Decoded text must be UTF-8: handlers, the JSON library and the store all
// assume it, and would otherwise fail later with a 500.
void check_utf8(const std::string& text, const char* what) {
  if (!geo::is_valid_utf8(text)) throw BadRequest(std::string(what) + " is not valid UTF-8 once percent-decoded");
}

}  // namespace

Target split_target(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    throw BadRequest("the request target must be an absolute path such as /territories");
  }
  target = target.substr(0, target.find('#'));  // a fragment is never meant for the server
  const auto question = target.find('?');
  if (question == std::string_view::npos) return {target, {}};
  return {target.substr(0, question), target.substr(question + 1)};
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else {
      const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
      const int low = high >= 0 ? hex_value(text[i + 2]) : -1;
      if (low < 0) {
        throw BadRequest("malformed percent-escape in the URL: '" + std::string(text.substr(i, 3)) + "'");
      }
      const int byte = high * 16 + low;
      if (byte == 0) throw BadRequest("the URL contains an encoded NUL byte (%00)");
      out += static_cast<char>(byte);
      i += 2;
    }
  }
  return out;
}

std::vector<std::string> path_segments(std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  std::vector<std::string> segments;
  for_each_piece(path, '/', [&](std::string_view piece) {
    segments.push_back(percent_decode(piece, false));
    check_utf8(segments.back(), "the path");
  });
  return segments;
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  if (query.empty()) return params;
  for_each_piece(query, '&', [&](std::string_view piece) {
    if (piece.empty()) return;
    const auto equals = piece.find('=');
    const auto name = piece.substr(0, equals);
    const auto value = equals == std::string_view::npos ? std::string_view{} : piece.substr(equals + 1);
    params.emplace_back(percent_decode(name, true), percent_decode(value, true));
    check_utf8(params.back().first, "a query parameter name");
    check_utf8(params.back().second, "a query parameter value");
  });
  return params;
}

}  // namespace server::http
