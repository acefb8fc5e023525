#include "layers/access/credentials.h"

#include "layers/access/secret.h"

namespace layers::access {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<BearerParts> parse_bearer(std::string_view value) {
  // RFC 9110 11.4: the scheme is case-insensitive, one or more spaces follow.
  constexpr std::string_view kScheme = "bearer";
  if (value.size() <= kScheme.size() || !iequals(value.substr(0, kScheme.size()), kScheme) ||
      value[kScheme.size()] != ' ')
    return std::nullopt;
  value.remove_prefix(kScheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return split_bearer(value);
}

Principal authenticate(const TokenStore& tokens, std::optional<std::string_view> authorization,
                       std::chrono::system_clock::time_point now) {
  if (!authorization) throw AccessDenied(Denial::missing, "no Authorization header");
  const auto parts = parse_bearer(*authorization);
  if (!parts) throw AccessDenied(Denial::malformed, "Authorization is not Bearer trt_<id>_<secret>");

  const auto stored = tokens.find(parts->id);
  // The digest is compared even when the id is unknown, so both cases cost the same.
  static const std::string kNoDigest(64, '0');
  const bool matches = constant_time_equal(sha256_hex(parts->secret), stored ? stored->secret_sha256 : kNoDigest);
  if (!stored || !matches) throw AccessDenied(Denial::unknown, "token " + parts->id + " unknown or secret mismatch");
  switch (status(stored->token, now)) {
    case TokenStatus::revoked: throw AccessDenied(Denial::revoked, "token " + parts->id + " was revoked");
    case TokenStatus::expired: throw AccessDenied(Denial::expired, "token " + parts->id + " has expired");
    case TokenStatus::active: break;
  }
  return Principal{stored->token};
}

}  // namespace layers::access
