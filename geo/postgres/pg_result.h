#pragma once
// Owner of a libpq result (PGresult): the rows of one statement, read by
// row and column in libpq's text format. A NULL reads as "" or 0.
#include <cstdint>
#include <memory>
#include <string>

struct pg_result;

namespace geo {

class PgResult {
 public:
  explicit PgResult(pg_result* result) : result_(result) {}
  PgResult(PgResult&&) = default;
  PgResult& operator=(PgResult&&) = default;

  int rows() const;
  bool is_null(int row, int col) const;
  std::string text(int row, int col) const;
  std::int64_t integer(int row, int col) const;
  double real(int row, int col) const;
  // A bytea column ("\x..." in hex output), decoded to its bytes.
  std::string bytes(int row, int col) const;
  // Rows an INSERT, UPDATE or DELETE touched.
  std::int64_t affected() const;

 private:
  struct Clear {
    void operator()(pg_result* r) const;
  };
  std::unique_ptr<pg_result, Clear> result_;
};

// One row of a result, read with the names of geo::Statement's readers, so
// code reading rows can be written once for both databases.
class PgRow {
 public:
  PgRow(const PgResult& result, int row) : result_(&result), row_(row) {}
  bool is_null(int col) const { return result_->is_null(row_, col); }
  std::string text(int col) const { return result_->text(row_, col); }
  std::int64_t integer(int col) const { return result_->integer(row_, col); }
  double real(int col) const { return result_->real(row_, col); }
  std::string blob(int col) const { return result_->bytes(row_, col); }

 private:
  const PgResult* result_;
  int row_;
};

}  // namespace geo
