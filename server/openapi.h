#pragma once
// The OpenAPI 3.0 document of the OGC API - Features surface: every path
// and parameter, with one items path per collection naming its queryables.
#include <string>

#include <nlohmann/json.hpp>

#include "layers/collections.h"

namespace server {

nlohmann::json openapi_document(const layers::FeatureCatalog& catalog, const std::string& base_url);

}  // namespace server
