#include "layers/access/token_store.h"

#include <algorithm>

#include "layers/access/secret.h"
#include "layers/store/store.h"
#include "layers/store/stored_list.h"

namespace layers::access {
namespace {

constexpr std::size_t kMaxName = 200;

Token token_of(const TokenRow& row) {
  Token t;
  t.id = row.id;
  t.name = row.name;
  t.role = parse_role(row.role).value_or(Role::editor);
  t.regions = split_stored_list(row.regions, ',');
  t.created = row.created;
  t.expires = row.expires;
  t.revoked = row.revoked;
  return t;
}

}  // namespace

// Connections kept for find(), with the store they were opened on: a store
// file replaced under its path (build --force) must not be read through
// one of the old file.
struct TokenStore::Idle {
  static constexpr std::size_t kMax = 8;
  std::uint64_t identity = 0;
  std::vector<std::unique_ptr<Store>> connections;
};

TokenStore::TokenStore(std::string store_path) : path_(std::move(store_path)), idle_(std::make_unique<Idle>()) {}

TokenStore::~TokenStore() = default;

std::unique_ptr<Store> TokenStore::take_reader() const {
  const std::uint64_t identity = Store::identity(path_);
  {
    std::lock_guard lock(idle_mutex_);
    if (idle_->identity != identity) {
      idle_->connections.clear();
      idle_->identity = identity;
    }
    if (!idle_->connections.empty()) {
      auto store = std::move(idle_->connections.back());
      idle_->connections.pop_back();
      return store;
    }
  }
  return Store::open(path_, Store::Access::tokens);
}

void TokenStore::give_back(std::unique_ptr<Store> store) const {
  std::lock_guard lock(idle_mutex_);
  if (idle_->connections.size() < Idle::kMax) idle_->connections.push_back(std::move(store));
}

IssuedToken TokenStore::create(const NewToken& request, std::chrono::system_clock::time_point now) {
  if (request.name.empty() || request.name.size() > kMaxName)
    throw TokenError("a token needs a --name of 1 to " + std::to_string(kMaxName) + " bytes");
  if (request.expires) {
    if (!is_calendar_date(*request.expires))
      throw TokenError("--expires must be a date written YYYY-MM-DD, not '" + *request.expires + "'");
    if (*request.expires < utc_date(now)) throw TokenError("--expires " + *request.expires + " is in the past");
  }
  const auto store = Store::open(path_, Store::Access::write);
  std::vector<std::string> regions = request.regions;
  std::sort(regions.begin(), regions.end());
  regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
  if (request.role == Role::editor && regions.empty())
    throw TokenError("an editor token needs at least one --region (a 2018 region code such as 08)");
  const auto known = store->region_codes_2018();
  if (known.empty()) throw TokenError("the store holds no 2018 regions: build it first");
  for (const auto& r : regions) {
    if (!std::binary_search(known.begin(), known.end(), r))
      throw TokenError("unknown region '" + r + "': use a 2018 region code, " + known.front() + " to " + known.back());
  }

  IssuedToken issued;
  Token& t = issued.token;
  t.id = random_hex(6);
  t.name = request.name;
  t.role = request.role;
  t.regions = std::move(regions);
  t.created = utc_timestamp(now);
  t.expires = request.expires;
  const std::string secret = random_secret();
  issued.bearer = bearer_text(t.id, secret);

  Store::Transaction tx(*store);
  store->insert_token({t.id, t.name, std::string(role_name(t.role)), join_stored_list(t.regions, ','), t.created,
                       t.expires, std::nullopt, sha256_hex(secret)});
  tx.commit();
  return issued;
}

std::vector<Token> TokenStore::list() const {
  const auto store = Store::open(path_);
  std::vector<Token> out;
  for (const TokenRow& row : store->tokens()) out.push_back(token_of(row));
  return out;
}

Token TokenStore::revoke(const std::string& id, std::chrono::system_clock::time_point now) {
  const auto store = Store::open(path_, Store::Access::write);
  Store::Transaction tx(*store);
  store->revoke_token(id, utc_timestamp(now));
  const auto row = store->token(id);
  if (!row) throw TokenError("no token has the id '" + id + "' (see territorio token list)");
  tx.commit();
  return token_of(*row);
}

std::optional<TokenStore::Stored> TokenStore::find(const std::string& id) const {
  std::unique_ptr<Store> store = take_reader();  // dropped, not given back, if the lookup throws
  std::optional<Stored> found;
  if (const auto row = store->token(id)) found = Stored{token_of(*row), row->secret_sha256};
  give_back(std::move(store));
  return found;
}

}  // namespace layers::access
