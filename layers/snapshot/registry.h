#pragma once
// The immutable in-memory picture the server answers from: the catalog of
// units, the gazetteer and the joined initiatives, loaded once from the
// store. The catalog and gazetteer change only with the boundaries: the
// registry after a write shares them with the one before, and shares every
// record the write did not touch.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "layers/model/catalog.h"
#include "layers/join/gazetteer.h"
#include "layers/model/initiative_list.h"
#include "layers/store/store.h"

namespace layers {

class Registry {
 public:
  static std::unique_ptr<Registry> load(const std::string& store_path);
  Registry(std::unique_ptr<Catalog> catalog, std::vector<StoredInitiative> initiatives, std::int64_t generation);
  Registry(std::shared_ptr<const Catalog> catalog, std::shared_ptr<const Gazetteer> gazetteer,
           InitiativeList initiatives, std::int64_t generation);

  const Catalog& catalog() const { return *catalog_; }
  const std::shared_ptr<const Catalog>& shared_catalog() const { return catalog_; }
  const Gazetteer& gazetteer() const { return *gazetteer_; }
  const std::shared_ptr<const Gazetteer>& shared_gazetteer() const { return gazetteer_; }
  const InitiativeList& initiatives() const { return initiatives_; }
  std::int64_t generation() const { return generation_; }

 private:
  std::shared_ptr<const Catalog> catalog_;
  std::shared_ptr<const Gazetteer> gazetteer_;
  InitiativeList initiatives_;
  std::int64_t generation_;
};

}  // namespace layers
