#pragma once
// The feature collections the boundaries decide: the units of both
// divisions (geometry, names, population, area, and the GeoJSON text of
// every geometry) and the census zones, built once per boundary change.
// Only the coverage counts among a unit's properties change with the
// initiatives: with_counts() gives the unit collections under new counts,
// sharing every feature and collection whose counts did not change.
#include <array>
#include <memory>
#include <vector>

#include "layers/features/collections.h"
#include "layers/coverage/coverage_counts.h"
#include "layers/features/feature_build.h"

namespace layers {

class UnitFeatures {
 public:
  // About a second (the GeoJSON of every boundary).
  UnitFeatures(std::shared_ptr<const Catalog> catalog, const std::vector<CensusZone>& census_zones);
  // The same with the texts of the boundaries written before (the
  // territory cache: texts() of the same catalog); a geometry missing from
  // them gets its text here.
  UnitFeatures(std::shared_ptr<const Catalog> catalog, const std::vector<CensusZone>& census_zones, UnitTexts texts);
  UnitFeatures(const UnitFeatures&) = delete;
  UnitFeatures& operator=(const UnitFeatures&) = delete;

  // The unit collections (regions, provinces, communes, regions-2007,
  // provinces-2007) under counts; before: the same five under earlier
  // counts (or empty), whose unchanged parts are reused.
  std::vector<std::shared_ptr<const Collection>> with_counts(
      const CoverageCounts& counts, const std::vector<std::shared_ptr<const Collection>>& before) const;
  const std::shared_ptr<const Collection>& census_zones() const { return census_; }
  // The text of each boundary, by the catalog's geometry object.
  const UnitTexts& texts() const { return texts_; }
  const std::shared_ptr<const Catalog>& catalog() const { return catalog_; }

 private:
  struct Base {
    Level level = Level::region;
    Division division = Division::d2018;
    std::shared_ptr<const Collection> collection;  // counts zero
    std::vector<std::size_t> unit_index;  // per feature: its index in counts.units(level, division)
  };
  std::shared_ptr<const Catalog> catalog_;
  std::array<Base, 5> bases_;
  std::shared_ptr<const Collection> census_;
  UnitTexts texts_;
};

}  // namespace layers
