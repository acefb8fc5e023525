#include "layers/registry.h"

#include "layers/importer.h"

namespace layers {

Registry::Registry(std::unique_ptr<Catalog> catalog, std::vector<StoredInitiative> initiatives, std::int64_t generation)
    : catalog_(std::move(catalog)),
      gazetteer_(make_gazetteer(*catalog_)),
      initiatives_(std::move(initiatives)),
      generation_(generation) {}

std::unique_ptr<Registry> Registry::load(const std::string& store_path) {
  Store store(store_path);
  auto catalog = std::make_unique<Catalog>(store.load_units());
  auto initiatives = store.load_initiatives();
  const auto generation = store.generation();
  return std::make_unique<Registry>(std::move(catalog), std::move(initiatives), generation);
}

}  // namespace layers
