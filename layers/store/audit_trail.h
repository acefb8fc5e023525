#pragma once
// The audit trail: one row per record a write touched (who, when, what,
// the record before and after, the generation it produced), written in the
// write's own transaction, and read back as a record's history, the changes
// since a generation, or a listing for operators.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/sqlite/sqlite_db.h"

namespace layers {

struct AuditRow {
  std::int64_t seq = 0;         // order of the rows, assigned by the store
  std::int64_t generation = 0;  // the generation the write produced
  std::string time;             // UTC, ISO 8601 to the second
  std::optional<std::string> token_id;  // none for the command line
  std::string token_name;       // who: the token's name, or "territorio import"
  std::string operation;        // create | replace | update | delete | import
  std::string feature_id;
  std::optional<std::string> before, after;  // GeoJSON Feature texts; none: absent
};

// Appends a row inside the caller's transaction.
void append_audit(geo::Database& db, const AuditRow& row);

// Limits of the readers: a client never gets an unbounded answer.
inline constexpr std::size_t kMaxHistory = 1000;
inline constexpr std::size_t kMaxChanges = 10000;

// Every row of one record, oldest first (the newest kMaxHistory).
std::vector<AuditRow> feature_history(geo::Database& db, const std::string& feature_id);

// Rows of generations above `since`, oldest first, at most `limit`, without
// the before/after texts.
std::vector<AuditRow> changes_since(geo::Database& db, std::int64_t since, std::size_t limit);

// Rows for operators: from a time on (UTC prefix compare: "2026-12-06"
// works) and/or of one token; oldest first; without before/after.
std::vector<AuditRow> audit_listing(geo::Database& db, const std::optional<std::string>& since_time,
                                    const std::optional<std::string>& token_id, std::size_t limit);

}  // namespace layers
