#pragma once
// Tokens in the store (table tokens; in a SpatiaLite file created on first
// use): each change is one transaction. The secret is returned once by create() and
// never stored: only its SHA-256 digest is.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "layers/access/token.h"
#include "layers/errors.h"

namespace layers {
class Store;
}

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
  explicit TokenStore(std::string store_path);  // a Store locator
  ~TokenStore();
  TokenStore(const TokenStore&) = delete;
  TokenStore& operator=(const TokenStore&) = delete;

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
  // Thread-safe; reuses idle connections (every write looks its token up,
  // and a new connection costs more than the lookup: the store's schema is
  // parsed again by each).
  std::optional<Stored> find(const std::string& id) const;

 private:
  struct Idle;
  std::unique_ptr<Store> take_reader() const;
  void give_back(std::unique_ptr<Store> store) const;

  std::string path_;
  mutable std::mutex idle_mutex_;
  mutable std::unique_ptr<Idle> idle_;  // guarded by idle_mutex_
};

}  // namespace layers::access
