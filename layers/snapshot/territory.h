#pragma once
// The part of a snapshot that only the boundaries decide: the catalog, the
// unit boundaries simplified per zoom with their indexes (UnitTiles), the
// unit collections' geometry, texts and fixed properties and the census
// zones (UnitFeatures), and which units neighbour which (Neighbourhood). Seconds to build, so it is built once per boundary
// change and shared by every snapshot derived from a write.
#include <memory>
#include <vector>

#include "layers/model/catalog.h"
#include "layers/features/feature_census.h"
#include "layers/tiles/tileset.h"
#include "layers/features/unit_features.h"
#include "layers/neighbours/neighbourhood.h"

namespace layers {

class Territory {
 public:
  Territory(std::shared_ptr<const Catalog> catalog, const std::vector<CensusZone>& census_zones);
  Territory(const Territory&) = delete;
  Territory& operator=(const Territory&) = delete;

  const Catalog& catalog() const { return *catalog_; }
  const std::shared_ptr<const Catalog>& shared_catalog() const { return catalog_; }
  const std::shared_ptr<const UnitTiles>& tiles() const { return tiles_; }
  const UnitFeatures& features() const { return *features_; }
  const Neighbourhood& neighbourhood() const { return *neighbourhood_; }

 private:
  std::shared_ptr<const Catalog> catalog_;
  std::shared_ptr<const UnitTiles> tiles_;
  std::unique_ptr<const UnitFeatures> features_;
  std::unique_ptr<const Neighbourhood> neighbourhood_;
};

}  // namespace layers
