#include "layers/snapshot.h"

#include <atomic>

namespace layers {

namespace {

// Distinct filters kept per snapshot; past it they are dropped and computed
// again (requests keep their own references).
constexpr std::size_t kMaxFilteredStats = 512;

std::uint64_t next_serial() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

std::size_t slot(Level level, Division division) {
  return static_cast<std::size_t>(level) * 2 + static_cast<std::size_t>(division);
}

}  // namespace

std::shared_ptr<const Snapshot> Snapshot::load(const std::string& store_path, const SnapshotInputs& inputs) {
  std::shared_ptr<const Registry> registry = Registry::load(store_path);
  return std::make_shared<const Snapshot>(std::move(registry), inputs);
}

std::shared_ptr<const Snapshot> Snapshot::with_changes(const Snapshot&, const std::vector<InitiativeChange>&,
                                                       std::int64_t) {
  return nullptr;  // not derived yet: the caller loads the store
}

Snapshot::Snapshot(std::shared_ptr<const Registry> registry, const SnapshotInputs& inputs)
    : registry_(std::move(registry)),
      features_(*registry_, inputs.census_zones),
      tileset_(*registry_),
      serial_(next_serial()) {
  // The unfiltered map of every level is what most tiles draw: ready at once.
  for (Level level : {Level::region, Level::province, Level::commune})
    for (Division division : kAllDivisions)
      unfiltered_[slot(level, division)] =
          std::make_shared<const std::vector<UnitStats>>(layers::unit_stats(*registry_, level, division, {}));
}

std::shared_ptr<const std::vector<UnitStats>> Snapshot::unit_stats(Level level, Division division,
                                                                   const InitiativeFilter& filter) const {
  if (filter.empty()) return unfiltered_[slot(level, division)];
  std::string key(level_name(level));
  key += '|';
  key += division_name(division);
  key += '|';
  key += filter.key();
  {
    std::lock_guard lock(stats_mutex_);
    if (auto it = filtered_.find(key); it != filtered_.end()) return it->second;
  }
  // Computed outside the lock: two requests may both compute a new filter;
  // the first to insert wins and neither waits for the other.
  auto computed =
      std::make_shared<const std::vector<UnitStats>>(layers::unit_stats(*registry_, level, division, filter));
  decltype(filtered_) dropped;  // declared before the lock: freed after it is released
  std::lock_guard lock(stats_mutex_);
  if (auto it = filtered_.find(key); it != filtered_.end()) return it->second;
  if (filtered_.size() >= kMaxFilteredStats) dropped.swap(filtered_);
  filtered_.emplace(std::move(key), computed);
  return computed;
}

}  // namespace layers
