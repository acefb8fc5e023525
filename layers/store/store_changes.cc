#include "layers/store/store_changes.h"

#include <set>
#include <string>
#include <unordered_map>

#include "layers/store/store.h"

namespace layers {

namespace {
// Reads that a commit interleaved with are done again, this many times.
constexpr int kAttempts = 3;
}  // namespace

std::optional<StoreChanges> read_changes(Store& store, std::int64_t since, std::size_t limit) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    // Each statement sees the latest commit, so the reads are bracketed by
    // two readings of the generation, which every write moves: equal, and
    // no write landed in between.
    const std::int64_t generation = store.generation();
    if (generation < since) return std::nullopt;
    StoreChanges out{generation, {}};
    if (generation == since) return out;
    const std::vector<AuditRow> rows = store.changes_since(since, limit + 1);
    if (rows.size() > limit) return std::nullopt;
    std::set<std::int64_t> generations;
    std::vector<std::string> ids;  // in the order first touched
    std::unordered_map<std::string, std::int64_t> last_generation;
    for (const AuditRow& row : rows) {
      generations.insert(row.generation);
      if (last_generation.emplace(row.feature_id, row.generation).second) ids.push_back(row.feature_id);
      else last_generation[row.feature_id] = row.generation;
    }
    if (!generations.empty() && *generations.rbegin() > generation) continue;  // a write landed meanwhile
    if (static_cast<std::int64_t>(generations.size()) != generation - since) return std::nullopt;
    for (const std::string& id : ids) {
      std::vector<StoredInitiative> now = store.read_initiatives(id);
      InitiativeChange change{id, std::nullopt, last_generation[id]};
      if (!now.empty()) {
        change.revision = now.front().revision;
        change.after = std::move(now.front());
      }
      out.changes.push_back(std::move(change));
    }
    if (store.generation() == generation) return out;
  }
  return std::nullopt;
}

}  // namespace layers
