#pragma once
// Owners of a SQLite connection with SpatiaLite loaded, its prepared
// statements and its transactions. A connection belongs to one thread.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace geo {

class Statement;

class Database {
 public:
  enum class Mode { read_only, read_write_create };
  // Opens path and initialises SpatiaLite on the connection.
  Database(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without results.
  void exec(const std::string& sql);
  Statement prepare(const std::string& sql);
  std::int64_t last_insert_rowid() const;
  sqlite3* get() const { return db_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  sqlite3* db_ = nullptr;
  void* spatialite_cache_ = nullptr;
};

// A prepared statement. bind() indices are 1-based as in SQLite.
class Statement {
 public:
  Statement(Database& db, sqlite3_stmt* stmt) : db_(&db), stmt_(stmt) {}
  Statement(Statement&&) = default;
  Statement& operator=(Statement&&) = default;

  Statement& bind(int i, std::string_view text);
  Statement& bind(int i, std::int64_t value);
  Statement& bind(int i, double value);
  Statement& bind_blob(int i, const std::vector<unsigned char>& blob);
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

}  // namespace geo
