#pragma once
// The audit trail: one row per record a write touched (who, when, what,
// the record before and after, the generation it produced), written in the
// write's own transaction, and read back (by the Store) as a record's
// history, the changes since a generation, or a listing for operators.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>


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

// Limits of the readers (Store::feature_history, changes_since,
// audit_listing): a client never gets an unbounded answer.
inline constexpr std::size_t kMaxHistory = 1000;
inline constexpr std::size_t kMaxChanges = 10000;

}  // namespace layers
