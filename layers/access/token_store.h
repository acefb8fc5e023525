#pragma once
// Tokens in the store file (table tokens, created on first use): each
// change is one transaction. The secret is returned once by create() and
// never stored: only its SHA-256 digest is.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "layers/access/token.h"
#include "layers/errors.h"

namespace layers::access {

// A token request that cannot be honoured (unknown region, bad date, an
// editor with no region, an unknown id); the message says which.
struct TokenError : DataError {
  using DataError::DataError;
};

struct NewToken {
  std::string name;
  Role role = Role::editor;
  std::vector<std::string> regions;    // 2018 region codes; required for editors
  std::optional<std::string> expires;  // YYYY-MM-DD
};

struct IssuedToken {
  Token token;
  std::string bearer;  // "trt_<id>_<secret>": show once, then forget
};

class TokenStore {
 public:
  explicit TokenStore(std::string store_path);

  // Validates (regions against the store's 2018 regions, name, date not in
  // the past) and stores a new token.
  IssuedToken create(const NewToken& request, std::chrono::system_clock::time_point now);
  // Every token, oldest first.
  std::vector<Token> list() const;
  // Marks the token revoked (idempotent: a second revoke keeps the first
  // time). Throws TokenError for an unknown id.
  Token revoke(const std::string& id, std::chrono::system_clock::time_point now);

  // The token with this id and the digest of its secret, for credentials.
  struct Stored {
    Token token;
    std::string secret_sha256;
  };
  std::optional<Stored> find(const std::string& id) const;

 private:
  std::string path_;
};

}  // namespace layers::access
