#include "geo/postgres/pg_result.h"

#include <libpq-fe.h>

#include <charconv>

#include "geo/error.h"

namespace geo {

void PgResult::Clear::operator()(pg_result* r) const { PQclear(r); }

int PgResult::rows() const { return PQntuples(result_.get()); }

bool PgResult::is_null(int row, int col) const { return PQgetisnull(result_.get(), row, col) != 0; }

std::string PgResult::text(int row, int col) const {
  return std::string(PQgetvalue(result_.get(), row, col), static_cast<std::size_t>(PQgetlength(result_.get(), row, col)));
}

std::int64_t PgResult::integer(int row, int col) const {
  const char* v = PQgetvalue(result_.get(), row, col);
  std::int64_t out = 0;
  std::from_chars(v, v + PQgetlength(result_.get(), row, col), out);
  return out;
}

double PgResult::real(int row, int col) const {
  // PostgreSQL 12 and later print a float8 in its shortest exact form:
  // from_chars reads back the very double that was stored.
  const char* v = PQgetvalue(result_.get(), row, col);
  double out = 0;
  std::from_chars(v, v + PQgetlength(result_.get(), row, col), out);
  return out;
}

std::string PgResult::bytes(int row, int col) const {
  const char* v = PQgetvalue(result_.get(), row, col);
  const auto n = static_cast<std::size_t>(PQgetlength(result_.get(), row, col));
  if (n < 2 || v[0] != '\\' || v[1] != 'x') throw PgError("a bytea value not in hex output");
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw PgError("a bytea value with a character that is not hex");
  };
  std::string out;
  out.reserve((n - 2) / 2);
  for (std::size_t i = 2; i + 1 < n; i += 2) out.push_back(static_cast<char>(nibble(v[i]) * 16 + nibble(v[i + 1])));
  return out;
}

std::int64_t PgResult::affected() const {
  const char* v = PQcmdTuples(result_.get());
  std::int64_t out = 0;
  std::from_chars(v, v + std::char_traits<char>::length(v), out);
  return out;
}

}  // namespace geo
