#pragma once
// What other processes changed in the store since a generation, told as
// changes a published snapshot can take (Snapshot::with_changes) instead
// of loading the whole store again: read from the audit trail, which holds
// a row for every record each write touched, and the records as they are
// now. This is how a replica shows another replica's write in milliseconds
// rather than the seconds a full load takes.
#include <cstdint>
#include <optional>
#include <vector>

#include "layers/model/initiative_list.h"

namespace layers {

class Store;

struct StoreChanges {
  std::int64_t generation = 0;  // the store's, which the changes lead to
  std::vector<InitiativeChange> changes;  // one per record touched: its state now (none: deleted)
};

// Records touched at most: beyond, loading the store costs about the same.
inline constexpr std::size_t kMaxCaughtUpRecords = 500;

// None when the changes cannot be told from the audit trail: a generation
// with no audit row (a build, a migration), more than `limit` rows, a
// store behind `since` (replaced under its locator), or writes that kept
// landing while it read.
std::optional<StoreChanges> read_changes(Store& store, std::int64_t since,
                                         std::size_t limit = kMaxCaughtUpRecords);

}  // namespace layers
