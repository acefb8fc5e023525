#pragma once
// The part of a snapshot that only the boundaries decide: the catalog, the
// unit boundaries simplified per zoom with their indexes (UnitTiles), the
// unit collections' geometry, texts and fixed properties and the census
// zones (UnitFeatures), and which units neighbour which (Neighbourhood).
// Seconds to build, so it is built once per boundary change and shared by
// every snapshot derived from a write; its costly parts can be saved and
// read back (TerritoryParts, layers/snapshot/territory_cache.h).
#include <cstdint>
#include <memory>
#include <vector>

#include "layers/model/catalog.h"
#include "layers/features/feature_census.h"
#include "layers/tiles/tileset.h"
#include "layers/features/unit_features.h"
#include "layers/neighbours/neighbourhood.h"

namespace layers {

// What takes the time in building a Territory, as computed for one catalog:
// the simplified bands of the unit tiles (per UnitTiles::kSets), the
// neighbourhood, the GeoJSON text of every boundary.
struct TerritoryParts {
  std::vector<UnitTiles::Shapes> tiles;
  Neighbourhood::Saved neighbours;
  UnitTexts texts;
};

class Territory {
 public:
  // Builds every part (seconds).
  Territory(std::shared_ptr<const Catalog> catalog, const std::vector<CensusZone>& census_zones);
  // From parts computed before for a catalog with this boundaries_key()
  // (milliseconds). Throws DataError when they do not fit the catalog.
  Territory(std::shared_ptr<const Catalog> catalog, const std::vector<CensusZone>& census_zones, TerritoryParts parts,
            std::uint64_t key);
  Territory(const Territory&) = delete;
  Territory& operator=(const Territory&) = delete;

  // A hash of everything in a catalog that the parts are computed from:
  // every unit of both divisions in order (code, name, parent, level,
  // population, area) and its boundary (type, coordinates). Tens of milliseconds.
  static std::uint64_t boundaries_key(const Catalog& catalog);
  std::uint64_t boundaries_key() const { return key_; }

  const Catalog& catalog() const { return *catalog_; }
  const std::shared_ptr<const Catalog>& shared_catalog() const { return catalog_; }
  const std::shared_ptr<const UnitTiles>& tiles() const { return tiles_; }
  const UnitFeatures& features() const { return *features_; }
  const Neighbourhood& neighbourhood() const { return *neighbourhood_; }

 private:
  std::shared_ptr<const Catalog> catalog_;
  std::uint64_t key_;
  std::shared_ptr<const UnitTiles> tiles_;
  std::unique_ptr<const UnitFeatures> features_;
  std::unique_ptr<const Neighbourhood> neighbourhood_;
};

}  // namespace layers
