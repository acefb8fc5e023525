#include "layers/access/token_store.h"

#include <sys/stat.h>

#include <algorithm>

#include "geo/sqlite/sqlite_db.h"
#include "layers/access/secret.h"
#include "layers/store/stored_list.h"

namespace layers::access {
namespace {

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS tokens(
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('editor', 'admin')),
  regions TEXT NOT NULL,
  secret_sha256 TEXT NOT NULL,
  created TEXT NOT NULL,
  expires TEXT,
  revoked TEXT))SQL";

constexpr std::size_t kMaxName = 200;
constexpr const char* kColumns = "id, name, role, regions, created, expires, revoked, secret_sha256";

bool has_tokens_table(geo::Database& db) {
  auto q = db.prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tokens'");
  return q.step();
}

TokenStore::Stored read_row(const geo::Statement& row) {
  TokenStore::Stored s;
  s.token.id = row.text(0);
  s.token.name = row.text(1);
  s.token.role = parse_role(row.text(2)).value_or(Role::editor);
  s.token.regions = split_stored_list(row.text(3), ',');
  s.token.created = row.text(4);
  if (!row.is_null(5)) s.token.expires = row.text(5);
  if (!row.is_null(6)) s.token.revoked = row.text(6);
  s.secret_sha256 = row.text(7);
  return s;
}

std::vector<std::string> regions_2018(geo::Database& db) {
  std::vector<std::string> out;
  auto q = db.prepare("SELECT code FROM units WHERE division = '2018' AND level = 'region' ORDER BY code");
  while (q.step()) out.push_back(q.text(0));
  return out;
}

}  // namespace

// Connections kept for find(), with the file they were opened on: a store
// replaced under its path (build --force) must not be read through one of
// the old file.
struct TokenStore::Idle {
  static constexpr std::size_t kMax = 8;
  ino_t inode = 0;
  std::vector<std::unique_ptr<geo::Database>> connections;
};

namespace {
ino_t inode_of(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}
}  // namespace

TokenStore::TokenStore(std::string store_path) : path_(std::move(store_path)), idle_(std::make_unique<Idle>()) {}

TokenStore::~TokenStore() = default;

std::unique_ptr<geo::Database> TokenStore::take_reader() const {
  const ino_t inode = inode_of(path_);
  {
    std::lock_guard lock(idle_mutex_);
    if (idle_->inode != inode) {
      idle_->connections.clear();
      idle_->inode = inode;
      tokens_table_known_ = false;
    }
    if (!idle_->connections.empty()) {
      auto db = std::move(idle_->connections.back());
      idle_->connections.pop_back();
      return db;
    }
  }
  return std::make_unique<geo::Database>(path_, geo::Database::Mode::read_only, geo::Database::Extensions::none);
}

void TokenStore::give_back(std::unique_ptr<geo::Database> db) const {
  std::lock_guard lock(idle_mutex_);
  if (idle_->connections.size() < Idle::kMax) idle_->connections.push_back(std::move(db));
}

IssuedToken TokenStore::create(const NewToken& request, std::chrono::system_clock::time_point now) {
  if (request.name.empty() || request.name.size() > kMaxName)
    throw TokenError("a token needs a --name of 1 to " + std::to_string(kMaxName) + " bytes");
  if (request.expires) {
    if (!is_calendar_date(*request.expires))
      throw TokenError("--expires must be a date written YYYY-MM-DD, not '" + *request.expires + "'");
    if (*request.expires < utc_date(now)) throw TokenError("--expires " + *request.expires + " is in the past");
  }
  geo::Database db(path_, geo::Database::Mode::read_write_create);
  std::vector<std::string> regions = request.regions;
  std::sort(regions.begin(), regions.end());
  regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
  if (request.role == Role::editor && regions.empty())
    throw TokenError("an editor token needs at least one --region (a 2018 region code such as 08)");
  const auto known = regions_2018(db);
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

  geo::Transaction tx(db);
  db.exec(kSchema);
  auto insert = db.prepare(std::string("INSERT INTO tokens(") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, NULL, ?)");
  insert.bind(1, t.id).bind(2, t.name).bind(3, role_name(t.role)).bind(4, join_stored_list(t.regions, ','));
  insert.bind(5, t.created);
  if (t.expires) insert.bind(6, *t.expires);
  else insert.bind_null(6);
  insert.bind(7, sha256_hex(secret));
  insert.run();
  tx.commit();
  return issued;
}

std::vector<Token> TokenStore::list() const {
  geo::Database db(path_, geo::Database::Mode::read_only);
  std::vector<Token> out;
  if (!has_tokens_table(db)) return out;
  auto q = db.prepare(std::string("SELECT ") + kColumns + " FROM tokens ORDER BY created, id");
  while (q.step()) out.push_back(read_row(q).token);
  return out;
}

Token TokenStore::revoke(const std::string& id, std::chrono::system_clock::time_point now) {
  geo::Database db(path_, geo::Database::Mode::read_write_create);
  geo::Transaction tx(db);
  db.exec(kSchema);
  auto update = db.prepare("UPDATE tokens SET revoked = ? WHERE id = ? AND revoked IS NULL");
  update.bind(1, utc_timestamp(now)).bind(2, id);
  update.run();
  auto q = db.prepare(std::string("SELECT ") + kColumns + " FROM tokens WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) throw TokenError("no token has the id '" + id + "' (see territorio token list)");
  Token t = read_row(q).token;
  tx.commit();
  return t;
}

std::optional<TokenStore::Stored> TokenStore::find(const std::string& id) const {
  std::unique_ptr<geo::Database> db = take_reader();  // dropped, not given back, if the lookup throws
  // A store where no token was ever created has no tokens table. (Asking
  // sqlite_master first costs a scan of SpatiaLite's many tables per write.)
  if (!tokens_table_known_) {
    if (!has_tokens_table(*db)) return std::nullopt;
    tokens_table_known_ = true;
  }
  std::optional<Stored> found;
  {
    auto q = db->prepare_cached(std::string("SELECT ") + kColumns + " FROM tokens WHERE id = ?");
    q.bind(1, id);
    if (q.step()) found = read_row(q);
  }
  give_back(std::move(db));
  return found;
}

}  // namespace layers::access
