#pragma once
// Owners of a SQLite connection (with SpatiaLite loaded unless asked not
// to), its prepared statements and its transactions. A connection belongs
// to one thread at a time.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace geo {

class Statement;

class Database {
 public:
  enum class Mode { read_only, read_write_create };
  // SpatiaLite registers about a thousand SQL functions per connection,
  // most of the cost of opening one: tables without geometry (tokens) do
  // without it.
  enum class Extensions { spatialite, none };
  // Opens path and initialises SpatiaLite on the connection.
  Database(const std::string& path, Mode mode, Extensions extensions = Extensions::spatialite);
  // An empty database in this process's memory, without SpatiaLite, held
  // as one block so that memory_copy() is one copy of it.
  static std::unique_ptr<Database> in_memory();
  // A new connection to a copy of this in-memory database (in_memory() or
  // a copy of one), as of its last commit.
  std::unique_ptr<Database> memory_copy() const;
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without results.
  void exec(const std::string& sql);
  Statement prepare(const std::string& sql);
  // The same, compiled once per connection and kept: for statements run on
  // every write. The returned Statement resets it when destroyed, so at
  // most one may be alive per SQL text at a time.
  Statement prepare_cached(const std::string& sql);
  std::int64_t last_insert_rowid() const;
  // Rows the last INSERT, UPDATE or DELETE touched.
  std::int64_t changes() const;
  sqlite3* get() const { return db_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  sqlite3* db_ = nullptr;
  void* spatialite_cache_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cached_;  // finalized on close
};

// A prepared statement. bind() indices are 1-based as in SQLite.
class Statement {
 public:
  Statement(Database& db, sqlite3_stmt* stmt, bool cached = false) : db_(&db), stmt_(stmt, Finalizer{cached}) {}
  Statement(Statement&&) = default;
  Statement& operator=(Statement&&) = default;

  Statement& bind(int i, std::string_view text);
  Statement& bind(int i, std::int64_t value);
  Statement& bind(int i, double value);
  Statement& bind_blob(int i, const std::vector<unsigned char>& blob);
  Statement& bind_blob(int i, std::string_view bytes);
  Statement& bind_null(int i);
  // Advances: true while a row is available.
  bool step();
  // Runs to completion (for INSERT/UPDATE), then resets for reuse.
  void run();
  void reset();

  bool is_null(int col) const;
  std::string text(int col) const;
  std::int64_t integer(int col) const;
  double real(int col) const;
  std::string blob(int col) const;

 private:
  struct Finalizer {
    bool cached = false;  // the connection keeps it: reset, not finalized
    void operator()(sqlite3_stmt* s) const;
  };
  Database* db_;
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

// Rolls back on destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

// A savepoint inside a transaction: one write of several in a commit that
// can be undone alone. Rolled back (to where it began) unless released.
class Savepoint {
 public:
  explicit Savepoint(Database& db);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  void release();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace geo
