#pragma once
// One generation of the data, whole: the Registry loaded from the store and
// everything requests derive from it (the OGC feature catalog, the map
// tiles' geometry, the unfiltered coverage statistics), built completely
// before it is published and immutable afterwards, so no request ever
// builds or waits for any of it. Coverage statistics of filtered maps are
// the one per-snapshot cache: computed by the request that needs them,
// outside any lock, and shared once inserted.
//
// Two parts: the Territory (boundaries, their tiles and collections),
// built once per boundary change, and the initiative part (records,
// coverage counts, the initiatives collection, footprint tiles, the
// full-text index). A write
// derives the next snapshot with with_changes(): it shares the Territory
// and every record, feature and shape the write did not touch, and answers
// byte for byte as a snapshot loaded from the store after the write.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "layers/features/collections.h"
#include "layers/coverage/coverage_counts.h"
#include "layers/features/feature_census.h"
#include "layers/features/initiative_features.h"
#include "layers/search/deferred_search.h"
#include "layers/snapshot/registry.h"
#include "layers/snapshot/territory.h"
#include "layers/tiles/tiles.h"
#include "layers/tiles/tileset.h"

namespace layers {

// What a snapshot is built from besides the store: static reference data.
struct SnapshotInputs {
  std::vector<CensusZone> census_zones;  // published as the census-zones collection
  // The territory cache file (territory_cache.h) the Territory is read from
  // and written to; empty: it is built.
  std::string territory_cache;
  // Where a cache not used or not written is reported; empty: standard error.
  std::function<void(const std::string&)> log;
};

class Snapshot {
 public:
  // Loads the store at path and builds every part (seconds for a large
  // registry): call it off the request path. Throws on a store that cannot
  // be read (missing, corrupt, changing under the reader).
  static std::shared_ptr<const Snapshot> load(const std::string& store_path, const SnapshotInputs& inputs);
  // The same when `published` is served: its Territory (and catalog) are
  // kept when the store's boundaries are still the ones it was built from.
  static std::shared_ptr<const Snapshot> load(const std::string& store_path, const SnapshotInputs& inputs,
                                              const Snapshot& published);

  // The snapshot of `published` with `changes` (committed to the store as
  // `generation`) applied, built without reading the store: milliseconds,
  // whatever the number of records. Each change's record must be as the
  // store reads it back (its revision and the order of its joined units
  // are set here). Null when it cannot be derived so (the caller then
  // loads the store).
  static std::shared_ptr<const Snapshot> with_changes(const Snapshot& published,
                                                      const std::vector<InitiativeChange>& changes,
                                                      std::int64_t generation);

  Snapshot(std::shared_ptr<const Registry> registry, const SnapshotInputs& inputs);
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  const Registry& registry() const { return *registry_; }
  const FeatureCatalog& features() const { return features_; }
  const TileSet& tileset() const { return tileset_; }
  // The full-text index of registry().initiatives().
  // The full-text index, built by the first search of this snapshot.
  const InitiativeSearch& search() const { return part_.search->get(registry_->initiatives()); }
  // The boundary part, shared by the snapshots derived from this one.
  const std::shared_ptr<const Territory>& territory() const { return territory_; }
  std::int64_t generation() const { return registry_->generation(); }
  // Unique within the process and increasing in build order, unlike the
  // generation (a store rebuilt from scratch counts again from 1): keys of
  // process-wide caches carry it so nothing outlives its snapshot.
  std::uint64_t serial() const { return serial_; }

  // Per-unit coverage statistics of a level and division under a filter
  // (one entry per unit of tileset().unit_list(level, division)).
  std::shared_ptr<const std::vector<UnitStats>> unit_stats(Level level, Division division,
                                                           const InitiativeFilter& filter) const;

 private:
  // The parts that change with the initiatives.
  struct InitiativePart {
    CoverageCounts counts;
    InitiativeFeatures features;
    std::shared_ptr<const FootprintTiles> footprints;
    std::shared_ptr<const DeferredSearch> search;
  };
  static InitiativePart whole_part(const Registry& registry, const Territory& territory);
  Snapshot(const std::shared_ptr<const Registry>& registry, const std::shared_ptr<const Territory>& territory);
  Snapshot(std::shared_ptr<const Registry> registry, std::shared_ptr<const Territory> territory,
           InitiativePart part, const Snapshot* before);

  std::shared_ptr<const Registry> registry_;    // first: the others borrow from it
  std::shared_ptr<const Territory> territory_;
  InitiativePart part_;
  std::vector<std::shared_ptr<const Collection>> unit_collections_;  // with part_.counts
  FeatureCatalog features_;
  TileSet tileset_;
  std::uint64_t serial_;

  using StatsPtr = std::shared_ptr<const std::vector<UnitStats>>;
  // Unfiltered statistics per level and division, built with the snapshot.
  std::array<StatsPtr, 6> unfiltered_;
  // Filtered statistics, computed on first use; a bounded map.
  mutable std::mutex stats_mutex_;  // held only to find or insert, never while computing
  mutable std::map<std::string, StatsPtr> filtered_;
};

}  // namespace layers
