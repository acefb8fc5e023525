#pragma once
// What every OGC API - Features handler works from: the feature catalog of
// the request's registry snapshot, its data generation (for validators) and
// the site (public base URL).
#include <cstdint>

#include "layers/features/collections.h"
#include "server/site.h"

namespace server::routes {

struct OgcContext {
  const layers::FeatureCatalog& catalog;
  const Site& site;
  std::int64_t generation = 0;
  // The records behind the initiatives collection: their revisions are the
  // items' entity tags.
  const layers::Registry* registry = nullptr;
};

// Media types the OGC handlers send.
inline constexpr const char* kGeoJson = "application/geo+json";
inline constexpr const char* kJson = "application/json";
inline constexpr const char* kHtml = "text/html; charset=utf-8";
inline constexpr const char* kOpenApi = "application/vnd.oai.openapi+json;version=3.0";

}  // namespace server::routes
