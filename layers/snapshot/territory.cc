#include "layers/snapshot/territory.h"

#include <exception>
#include <thread>

namespace layers {

Territory::Territory(std::shared_ptr<const Catalog> catalog, const std::vector<CensusZone>& census_zones)
    : catalog_(std::move(catalog)) {
  // The texts of the boundaries are written beside the simplification
  // (which takes every core it is given): the two take about as long. The
  // neighbourhood, shorter, follows the texts.
  std::exception_ptr error;
  std::thread texts([&] {
    try {
      features_ = std::make_unique<const UnitFeatures>(catalog_, census_zones);
      neighbourhood_ = std::make_unique<const Neighbourhood>(*catalog_);
    } catch (...) {
      error = std::current_exception();
    }
  });
  try {
    tiles_ = std::make_shared<const UnitTiles>(*catalog_);
  } catch (...) {
    texts.join();
    throw;
  }
  texts.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace layers
