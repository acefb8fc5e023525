#include "layers/feature_catalog_cache.h"

namespace layers {

std::shared_ptr<const FeatureSnapshot> FeatureCatalogCache::get(const std::shared_ptr<const Registry>& registry) {
  std::lock_guard lock(mutex_);
  if (!current_ || current_->registry != registry) current_ = std::make_shared<const FeatureSnapshot>(registry, zones_);
  return current_;
}

}  // namespace layers
