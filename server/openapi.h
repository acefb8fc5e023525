#pragma once
// The OpenAPI 3.0 document of every route: OGC API - Features (one items
// path per collection naming its queryables), Tiles, and the service's own.
#include <string>

#include <nlohmann/json.hpp>

#include "layers/features/collections.h"

namespace server {

nlohmann::json openapi_document(const layers::FeatureCatalog& catalog, const std::string& base_url);

}  // namespace server
