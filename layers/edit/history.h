#pragma once
// Reading the audit trail for clients: a record's versions and the changes
// since a generation. Each call opens the store for reading on its own, so
// it never waits for the writer.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "layers/store/audit_trail.h"

namespace layers::edit {

struct FeatureHistory {
  bool known = false;          // the record exists or once did
  std::vector<AuditRow> rows;  // oldest first
};

// A record stored before the audit trail existed (a store of an earlier
// release) has no rows: its current version is given as one "import" row
// with no time and no token.
FeatureHistory read_history(const std::string& store_path, const std::string& id);

struct Changes {
  std::int64_t generation = 0;  // of the store now
  std::vector<AuditRow> rows;   // oldest first
  bool complete = true;         // false when cut at the limit
};
Changes read_changes(const std::string& store_path, std::int64_t since, std::size_t limit = kMaxChanges);

}  // namespace layers::edit
