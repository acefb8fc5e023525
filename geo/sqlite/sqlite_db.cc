#include "geo/sqlite/sqlite_db.h"

// sqlite3.h first: spatialite.h uses its types without including it.
#include <sqlite3.h>
// clang-format off
#include <spatialite.h>
// clang-format on

#include <unistd.h>

#include <cstring>

#include "geo/error.h"

namespace geo {

Database::Database(const std::string& path, Mode mode, Extensions extensions) {
  // A reader opens the file read-write when it may, and refuses writes with
  // query_only: a writer killed mid-transaction leaves a hot journal that
  // only a read-write connection can roll back, and until then a read-only
  // one fails ("attempt to write a readonly database").
  const bool reader = mode == Mode::read_only;
  const int flags = reader ? (::access(path.c_str(), W_OK) == 0 ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY)
                           : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError("cannot open store '" + path + "': " + msg);
  }
  if (extensions == Extensions::spatialite) {
    spatialite_cache_ = spatialite_alloc_connection();
    spatialite_init_ex(db_, spatialite_cache_, 0);
  }
  sqlite3_busy_timeout(db_, 5000);
  if (reader) exec("PRAGMA query_only = 1");
}

namespace {
// The flags of a block handed to SQLite: it frees it and may grow it.
constexpr unsigned kOwnedBlock = SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE;
}  // namespace

std::unique_ptr<Database> Database::in_memory() {
  auto db = std::make_unique<Database>(":memory:", Mode::read_write_create, Extensions::none);
  // An empty block instead of the pager's pages: serialize() then hands
  // out the block itself.
  if (sqlite3_deserialize(db->db_, "main", nullptr, 0, 0, kOwnedBlock) != SQLITE_OK)
    db->fail("making an in-memory database");
  return db;
}

std::unique_ptr<Database> Database::memory_copy() const {
  sqlite3_int64 size = 0;
  unsigned char* bytes = nullptr;
  // The block itself when the database is one (in_memory()), copied once;
  // otherwise SQLite copies it page by page into memory of its own.
  if (const unsigned char* block = sqlite3_serialize(db_, "main", &size, SQLITE_SERIALIZE_NOCOPY); block && size > 0) {
    bytes = static_cast<unsigned char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(size)));
    if (!bytes) throw SqliteError("copying an in-memory database: out of memory");
    std::memcpy(bytes, block, static_cast<std::size_t>(size));
  } else if (!block) {
    bytes = sqlite3_serialize(db_, "main", &size, 0);
    if (!bytes && size > 0) fail("copying an in-memory database");
  }
  auto copy = std::make_unique<Database>(":memory:", Mode::read_write_create, Extensions::none);
  // SQLite owns bytes from here, even when this fails.
  if (sqlite3_deserialize(copy->db_, "main", bytes, size, size, kOwnedBlock) != SQLITE_OK)
    copy->fail("copying an in-memory database");
  return copy;
}

Database::~Database() {
  for (auto& [sql, stmt] : cached_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
  if (spatialite_cache_) spatialite_cleanup_ex(spatialite_cache_);
}

void Database::fail(const std::string& what) const {
  const int code = sqlite3_errcode(db_) & 0xff;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) throw SqliteBusy(what + ": " + sqlite3_errmsg(db_));
  throw SqliteError(what + ": " + sqlite3_errmsg(db_));
}

void Database::exec(const std::string& sql) {
  char* err = nullptr;
  if (const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) throw SqliteBusy("SQL failed: " + msg);
    throw SqliteError("SQL failed: " + msg);
  }
}

Statement Database::prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    fail("preparing SQL");
  return Statement(*this, stmt);
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

void Statement::Finalizer::operator()(sqlite3_stmt* s) const {
  if (!cached) {
    sqlite3_finalize(s);
    return;
  }
  // Ends the statement's read, if any: a kept SELECT left mid-way would
  // hold its snapshot of the file open.
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
}

Statement Database::prepare_cached(const std::string& sql) {
  auto it = cached_.find(sql);
  if (it == cached_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK)
      fail("preparing SQL");
    it = cached_.emplace(sql, stmt).first;
  }
  return Statement(*this, it->second, true);
}

Statement& Statement::bind(int i, std::string_view text) {
  if (sqlite3_bind_text(stmt_.get(), i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    db_->fail("binding a value");
  return *this;
}
Statement& Statement::bind(int i, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_.get(), i, value) != SQLITE_OK) db_->fail("binding a value");
  return *this;
}
Statement& Statement::bind(int i, double value) {
  if (sqlite3_bind_double(stmt_.get(), i, value) != SQLITE_OK) db_->fail("binding a value");
  return *this;
}
Statement& Statement::bind_blob(int i, const std::vector<unsigned char>& blob) {
  if (sqlite3_bind_blob(stmt_.get(), i, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    db_->fail("binding a value");
  return *this;
}
Statement& Statement::bind_blob(int i, std::string_view bytes) {
  if (sqlite3_bind_blob64(stmt_.get(), i, bytes.data(), bytes.size(), SQLITE_TRANSIENT) != SQLITE_OK)
    db_->fail("binding a value");
  return *this;
}
Statement& Statement::bind_null(int i) {
  if (sqlite3_bind_null(stmt_.get(), i) != SQLITE_OK) db_->fail("binding a value");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail("running SQL");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }
std::string Statement::text(int col) const {
  const auto* t = sqlite3_column_text(stmt_.get(), col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col)))
           : std::string();
}
std::int64_t Statement::integer(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_.get(), col); }
std::string Statement::blob(int col) const {
  const void* b = sqlite3_column_blob(stmt_.get(), col);
  return b ? std::string(static_cast<const char*>(b), static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col)))
           : std::string();
}

std::int64_t Database::changes() const { return sqlite3_changes(db_); }

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}
void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

Savepoint::Savepoint(Database& db) : db_(db) { db_.exec("SAVEPOINT one_write"); }
Savepoint::~Savepoint() {
  if (!done_) sqlite3_exec(db_.get(), "ROLLBACK TO one_write; RELEASE one_write", nullptr, nullptr, nullptr);
}
void Savepoint::release() {
  db_.exec("RELEASE one_write");
  done_ = true;
}

}  // namespace geo
