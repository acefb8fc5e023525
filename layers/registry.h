#pragma once
// The immutable in-memory picture the server answers from: the catalog of
// units, the gazetteer and the joined initiatives, loaded once from the store.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "layers/catalog.h"
#include "layers/gazetteer.h"
#include "layers/store.h"

namespace layers {

class Registry {
 public:
  static std::unique_ptr<Registry> load(const std::string& store_path);
  Registry(std::unique_ptr<Catalog> catalog, std::vector<StoredInitiative> initiatives, std::int64_t generation);

  const Catalog& catalog() const { return *catalog_; }
  const Gazetteer& gazetteer() const { return gazetteer_; }
  const std::vector<StoredInitiative>& initiatives() const { return initiatives_; }
  std::int64_t generation() const { return generation_; }

 private:
  std::unique_ptr<Catalog> catalog_;
  Gazetteer gazetteer_;
  std::vector<StoredInitiative> initiatives_;
  std::int64_t generation_;
};

}  // namespace layers
