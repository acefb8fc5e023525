#include "layers/snapshot/registry.h"

#include "layers/errors.h"
#include "layers/store/importer.h"

namespace layers {

Registry::Registry(std::unique_ptr<Catalog> catalog, std::vector<StoredInitiative> initiatives, std::int64_t generation)
    : catalog_(std::move(catalog)),
      gazetteer_(std::make_shared<const Gazetteer>(make_gazetteer(*catalog_))),
      initiatives_(InitiativeList::of(std::move(initiatives))),
      generation_(generation) {}

Registry::Registry(std::shared_ptr<const Catalog> catalog, std::shared_ptr<const Gazetteer> gazetteer,
                   InitiativeList initiatives, std::int64_t generation)
    : catalog_(std::move(catalog)),
      gazetteer_(std::move(gazetteer)),
      initiatives_(std::move(initiatives)),
      generation_(generation) {}

std::unique_ptr<Registry> Registry::load(const std::string& store_path) {
  // Each read is its own statement, so a write committed between them (an
  // import while the server reloads) would mix two generations. Every write
  // bumps the generation in its own transaction: equal before and after
  // means nothing was committed in between; otherwise read again.
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    const auto store = Store::open(store_path);
    const auto generation = store->generation();
    auto catalog = std::make_unique<Catalog>(store->load_units());
    auto initiatives = store->load_initiatives();
    if (store->generation() == generation)
      return std::make_unique<Registry>(std::move(catalog), std::move(initiatives), generation);
    if (attempt == kAttempts)
      throw DataError("the store " + Store::shown(store_path) + " changed " + std::to_string(kAttempts) +
                      " times while it was read");
  }
}

}  // namespace layers
