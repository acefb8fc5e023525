#include "layers/snapshot/snapshot.h"

#include <atomic>
#include <cstdio>
#include <exception>

#include "layers/snapshot/territory_cache.h"

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

std::vector<std::shared_ptr<const Collection>> catalog_of(std::vector<std::shared_ptr<const Collection>> units,
                                                          const InitiativeFeatures& initiatives,
                                                          const Territory& territory) {
  units.push_back(initiatives.collection());
  units.push_back(territory.features().census_zones());
  return units;
}

}  // namespace

std::shared_ptr<const Snapshot> Snapshot::load(const std::string& store_path, const SnapshotInputs& inputs) {
  std::shared_ptr<const Registry> registry = Registry::load(store_path);
  return std::make_shared<const Snapshot>(std::move(registry), inputs);
}

std::shared_ptr<const Snapshot> Snapshot::load(const std::string& store_path, const SnapshotInputs& inputs,
                                               const Snapshot& published) {
  std::shared_ptr<const Registry> loaded = Registry::load(store_path);
  const std::shared_ptr<const Territory>& had = published.territory_;
  if (Territory::boundaries_key(loaded->catalog()) != had->boundaries_key())
    return std::make_shared<const Snapshot>(std::move(loaded), inputs);
  // The same boundaries: the published catalog, gazetteer and Territory
  // serve the records read now (they name units by code, not by object).
  auto registry = std::make_shared<const Registry>(had->shared_catalog(), published.registry_->shared_gazetteer(),
                                                   loaded->initiatives(), loaded->generation());
  return std::shared_ptr<const Snapshot>(new Snapshot(registry, had));
}

Snapshot::Snapshot(std::shared_ptr<const Registry> registry, const SnapshotInputs& inputs)
    : Snapshot(registry, cached_territory(registry->shared_catalog(), inputs.census_zones, inputs.territory_cache,
                                          inputs.log ? inputs.log : [](const std::string& line) {
                                            std::fprintf(stderr, "%s\n", line.c_str());
                                          })) {}

Snapshot::Snapshot(const std::shared_ptr<const Registry>& registry, const std::shared_ptr<const Territory>& territory)
    : Snapshot(registry, territory, whole_part(*registry, *territory), nullptr) {}

Snapshot::InitiativePart Snapshot::whole_part(const Registry& registry, const Territory& territory) {
  return {CoverageCounts(registry), InitiativeFeatures(registry, territory.features().texts()),
          std::make_shared<const FootprintTiles>(registry),
          std::make_shared<const DeferredSearch>()};
}

Snapshot::Snapshot(std::shared_ptr<const Registry> registry, std::shared_ptr<const Territory> territory,
                   InitiativePart part, const Snapshot* before)
    : registry_(std::move(registry)),
      territory_(std::move(territory)),
      part_(std::move(part)),
      unit_collections_(territory_->features().with_counts(part_.counts, before ? before->unit_collections_
                                                                                : decltype(unit_collections_){})),
      features_(catalog_of(unit_collections_, part_.features, *territory_), registry_->generation()),
      tileset_(territory_->tiles(), part_.footprints, registry_->generation()),
      serial_(next_serial()) {
  // The unfiltered map of every level is what most tiles draw: ready at
  // once, and the same object as before a write that left it alone.
  for (Level level : {Level::region, Level::province, Level::commune})
    for (Division division : kAllDivisions) {
      StatsPtr& stats = unfiltered_[slot(level, division)];
      if (before && before->part_.counts.of(level, division) == part_.counts.of(level, division))
        stats = before->unfiltered_[slot(level, division)];
      else
        stats = std::make_shared<const std::vector<UnitStats>>(layers::unit_stats(part_.counts, level, division));
    }
}

std::shared_ptr<const Snapshot> Snapshot::with_changes(const Snapshot& published,
                                                       const std::vector<InitiativeChange>& changes,
                                                       std::int64_t generation) {
  try {
    const Registry& had = *published.registry_;
    const ListUpdate update = apply_changes(had.initiatives(), changes, generation);
    auto registry =
        std::make_shared<const Registry>(had.shared_catalog(), had.shared_gazetteer(), update.records, generation);
    InitiativePart part{
        CoverageCounts(published.part_.counts, update),
        InitiativeFeatures(published.part_.features, *registry, update, published.territory_->features().texts()),
        std::make_shared<const FootprintTiles>(*published.part_.footprints, *registry, update),
        std::make_shared<const DeferredSearch>(*published.part_.search, update)};
    return std::shared_ptr<const Snapshot>(
        new Snapshot(std::move(registry), published.territory_, std::move(part), &published));
  } catch (const std::exception&) {
    return nullptr;  // the caller loads the store, which reports what is wrong
  }
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
