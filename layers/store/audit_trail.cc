#include "layers/store/audit_trail.h"

#include <algorithm>

namespace layers {

namespace {

AuditRow read_row(const geo::Statement& st, bool texts) {
  AuditRow r;
  r.seq = st.integer(0);
  r.generation = st.integer(1);
  r.time = st.text(2);
  if (!st.is_null(3)) r.token_id = st.text(3);
  r.token_name = st.text(4);
  r.operation = st.text(5);
  r.feature_id = st.text(6);
  if (texts) {
    if (!st.is_null(7)) r.before = st.text(7);
    if (!st.is_null(8)) r.after = st.text(8);
  }
  return r;
}

constexpr const char* kColumns = "SELECT seq, generation, time, token_id, token_name, operation, feature_id";

}  // namespace

void append_audit(geo::Database& db, const AuditRow& row) {
  auto st = db.prepare_cached(
      "INSERT INTO audit(generation, time, token_id, token_name, operation, feature_id, before, after) "
      "VALUES(?,?,?,?,?,?,?,?)");
  st.bind(1, row.generation).bind(2, row.time);
  if (row.token_id) st.bind(3, *row.token_id); else st.bind_null(3);
  st.bind(4, row.token_name).bind(5, row.operation).bind(6, row.feature_id);
  if (row.before) st.bind(7, *row.before); else st.bind_null(7);
  if (row.after) st.bind(8, *row.after); else st.bind_null(8);
  st.run();
}

std::vector<AuditRow> feature_history(geo::Database& db, const std::string& feature_id) {
  auto st = db.prepare(std::string(kColumns) +
                       ", before, after FROM audit WHERE feature_id = ? ORDER BY seq DESC LIMIT ?");
  st.bind(1, feature_id).bind(2, static_cast<std::int64_t>(kMaxHistory));
  std::vector<AuditRow> out;
  while (st.step()) out.push_back(read_row(st, true));
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<AuditRow> changes_since(geo::Database& db, std::int64_t since, std::size_t limit) {
  auto st = db.prepare(std::string(kColumns) + " FROM audit WHERE generation > ? ORDER BY seq LIMIT ?");
  st.bind(1, since).bind(2, static_cast<std::int64_t>(limit));
  std::vector<AuditRow> out;
  while (st.step()) out.push_back(read_row(st, false));
  return out;
}

std::vector<AuditRow> audit_listing(geo::Database& db, const std::optional<std::string>& since_time,
                                    const std::optional<std::string>& token_id, std::size_t limit) {
  auto st = db.prepare(std::string(kColumns) +
                       " FROM audit WHERE (?1 IS NULL OR time >= ?1) AND (?2 IS NULL OR token_id = ?2) "
                       "ORDER BY seq LIMIT ?3");
  if (since_time) st.bind(1, *since_time); else st.bind_null(1);
  if (token_id) st.bind(2, *token_id); else st.bind_null(2);
  st.bind(3, static_cast<std::int64_t>(limit));
  std::vector<AuditRow> out;
  while (st.step()) out.push_back(read_row(st, false));
  return out;
}

}  // namespace layers
