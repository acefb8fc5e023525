#pragma once
// A bearer token as the store keeps it (never its secret) and the text a
// client sends: "trt_<id>_<secret>", id 12 hex digits (public: listed,
// revoked, named in the audit trail), secret 43 base64url characters.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace layers::access {

enum class Role { editor, admin };
std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view text);

struct Token {
  std::string id;
  std::string name;                    // who holds it: "GORE Biobío"
  Role role = Role::editor;
  std::vector<std::string> regions;    // 2018 region codes an editor may write in, sorted
  std::string created;                 // UTC, ISO 8601 to the second
  std::optional<std::string> expires;  // YYYY-MM-DD: valid through that day (UTC)
  std::optional<std::string> revoked;  // UTC time of revocation
};

enum class TokenStatus { active, expired, revoked };
TokenStatus status(const Token& token, std::chrono::system_clock::time_point now);
std::string_view status_name(TokenStatus status);

// UTC renderings of a time point: "2026-12-06T18:16:38Z" and "2026-12-06".
std::string utc_timestamp(std::chrono::system_clock::time_point t);
std::string utc_date(std::chrono::system_clock::time_point t);
// A real calendar date written YYYY-MM-DD.
bool is_calendar_date(std::string_view text);

// The parts of a bearer token's text; nullopt unless it has exactly the
// shape above (so no lookup is made for junk).
struct BearerParts {
  std::string id;
  std::string secret;
};
std::optional<BearerParts> split_bearer(std::string_view text);
std::string bearer_text(std::string_view id, std::string_view secret);

}  // namespace layers::access
