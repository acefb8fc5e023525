#include "layers/access/token.h"

#include <cstdio>
#include <ctime>

namespace layers::access {
namespace {

constexpr std::string_view kPrefix = "trt_";
constexpr std::size_t kIdLength = 12;
constexpr std::size_t kSecretLength = 43;

bool all_of(std::string_view s, bool (*ok)(char)) {
  for (char c : s)
    if (!ok(c)) return false;
  return true;
}
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

std::tm utc(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return tm;
}

}  // namespace

std::string_view role_name(Role role) { return role == Role::admin ? "admin" : "editor"; }

std::optional<Role> parse_role(std::string_view text) {
  if (text == "editor") return Role::editor;
  if (text == "admin") return Role::admin;
  return std::nullopt;
}

TokenStatus status(const Token& token, std::chrono::system_clock::time_point now) {
  if (token.revoked) return TokenStatus::revoked;
  // ISO dates compare as text.
  if (token.expires && utc_date(now) > *token.expires) return TokenStatus::expired;
  return TokenStatus::active;
}

std::string_view status_name(TokenStatus s) {
  switch (s) {
    case TokenStatus::active: return "active";
    case TokenStatus::expired: return "expired";
    case TokenStatus::revoked: return "revoked";
  }
  return "unknown";
}

std::string utc_timestamp(std::chrono::system_clock::time_point t) {
  const std::tm tm = utc(t);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string utc_date(std::chrono::system_clock::time_point t) {
  const std::tm tm = utc(t);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

bool is_calendar_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const auto digits = [&](std::size_t at, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return false;
  using namespace std::chrono;
  return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}.ok();
}

std::optional<BearerParts> split_bearer(std::string_view text) {
  if (text.size() != kPrefix.size() + kIdLength + 1 + kSecretLength || text.substr(0, kPrefix.size()) != kPrefix)
    return std::nullopt;
  const std::string_view id = text.substr(kPrefix.size(), kIdLength);
  const std::string_view secret = text.substr(kPrefix.size() + kIdLength + 1);
  if (text[kPrefix.size() + kIdLength] != '_' || !all_of(id, is_hex) || !all_of(secret, is_base64url))
    return std::nullopt;
  return BearerParts{std::string(id), std::string(secret)};
}

std::string bearer_text(std::string_view id, std::string_view secret) {
  std::string out(kPrefix);
  out += id;
  out += '_';
  out += secret;
  return out;
}

}  // namespace layers::access
