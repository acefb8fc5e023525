#pragma once
// Who is asking: an "Authorization: Bearer trt_..." value checked against
// the token store. Every failure is an AccessDenied whose reason is for the
// log only; a client learns no more than "401" or "403".
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "layers/access/token.h"
#include "layers/access/token_store.h"

namespace layers::access {

enum class Denial {
  missing,       // no Authorization field                    -> 401
  malformed,     // not "Bearer <token>" of the right shape    -> 401
  unknown,       // no such token, or the secret does not match -> 401
  expired,       // past its --expires date                    -> 401
  revoked,       //                                            -> 401
  out_of_scope,  // a valid token, but not for this record     -> 403
};

struct AccessDenied : std::runtime_error {
  AccessDenied(Denial why, const std::string& detail) : std::runtime_error(detail), why(why) {}
  Denial why;
  bool authenticated() const { return why == Denial::out_of_scope; }
};

// The holder of a valid token.
struct Principal {
  Token token;
};

// The token an Authorization value carries: "Bearer trt_<id>_<secret>",
// the scheme in any case (RFC 9110 11.4), spaces around the token allowed;
// nullopt for anything else. Pure: no lookup is made.
std::optional<BearerParts> parse_bearer(std::string_view authorization);

// authorization: the field's value, nullopt when the request has none.
Principal authenticate(const TokenStore& tokens, std::optional<std::string_view> authorization,
                       std::chrono::system_clock::time_point now);

}  // namespace layers::access
