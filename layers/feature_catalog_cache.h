#pragma once
// One FeatureCatalog per registry snapshot: the catalog is rebuilt when the
// registry is reloaded (the store changed), and each request uses the
// catalog of the snapshot it started with.
#include <memory>
#include <mutex>
#include <vector>

#include "layers/collections.h"

namespace layers {

// A catalog together with the registry it borrows geometries from.
struct FeatureSnapshot {
  std::shared_ptr<const Registry> registry;
  FeatureCatalog catalog;
  FeatureSnapshot(std::shared_ptr<const Registry> r, const std::vector<CensusZone>& zones)
      : registry(std::move(r)), catalog(*registry, zones) {}
};

class FeatureCatalogCache {
 public:
  explicit FeatureCatalogCache(std::vector<CensusZone> census_zones) : zones_(std::move(census_zones)) {}
  // The catalog of this registry snapshot, built now if it is new (callers
  // wait, as they do for the registry reload itself).
  std::shared_ptr<const FeatureSnapshot> get(const std::shared_ptr<const Registry>& registry);

 private:
  std::vector<CensusZone> zones_;
  std::mutex mutex_;
  std::shared_ptr<const FeatureSnapshot> current_;
};

}  // namespace layers
