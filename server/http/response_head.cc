#include "server/http/response_head.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <string_view>

#include "server/http/status.h"
#include "server/http/text.h"

namespace server::http {
namespace {

bool is_token(std::string_view name) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::ranges::all_of(name, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           kSymbols.find(c) != std::string_view::npos;
  });
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  if (!is_token(name)) throw std::invalid_argument("response header name '" + std::string(name) + "' is not a token");
  if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    throw std::invalid_argument("response header " + std::string(name) + " contains CR, LF or NUL");
  }
  out.append(name).append(": ").append(value).append("\r\n");
}

bool owned_by_server(std::string_view name) {
  return iequals(name, "Content-Length") || iequals(name, "Connection") || iequals(name, "Date") ||
         iequals(name, "Transfer-Encoding");
}

// IMF-fixdate (RFC 9110 5.6.7), spelled by hand: strftime would follow the
// process locale and could write Spanish day names.
std::string spell_http_date(std::time_t now) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm t{};
  gmtime_r(&now, &t);
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays.at(t.tm_wday), t.tm_mday,
                kMonths.at(t.tm_mon), t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
  return text.data();
}

// The date changes once a second: each thread spells it once per second,
// not once per response.
const std::string& http_date() {
  thread_local std::time_t spelled_at = -1;
  thread_local std::string spelled;
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (now != spelled_at) {
    spelled = spell_http_date(now);
    spelled_at = now;
  }
  return spelled;
}

}  // namespace

bool status_allows_content(int status) { return status >= 200 && status != 204 && status != 304; }

std::string response_head(const Response& response, std::size_t content_length, ConnectionField connection,
                          std::size_t room) {
  if (response.status < 100 || response.status > 599) {
    throw std::invalid_argument("response status " + std::to_string(response.status) + " is out of range");
  }
  std::string out;
  out.reserve(256 + room);
  out.append("HTTP/1.1 ").append(std::to_string(response.status)).append(" ");
  out.append(reason_phrase(response.status)).append("\r\n");
  append_field(out, "Date", http_date());

  bool has_content_type = false;
  for (const auto& [name, value] : response.headers) {
    if (owned_by_server(name)) continue;
    has_content_type = has_content_type || iequals(name, "Content-Type");
    append_field(out, name, value);
  }
  const bool content = status_allows_content(response.status);
  if (content && !has_content_type && !response.content_type.empty()) {
    append_field(out, "Content-Type", response.content_type);
  }
  // RFC 9110 8.6: no Content-Length on 1xx and 204; on 304 it could only
  // repeat the GET's length, which we do not know.
  if (content) append_field(out, "Content-Length", std::to_string(content_length));
  if (connection == ConnectionField::keep_alive) append_field(out, "Connection", "keep-alive");
  if (connection == ConnectionField::close) append_field(out, "Connection", "close");
  out += "\r\n";
  return out;
}

}  // namespace server::http
