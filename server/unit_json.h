#pragma once
// JSON encodings of territorial units, shared by the territory routes.
#include <nlohmann/json.hpp>

#include "layers/model/catalog.h"

namespace server {

// {level, code, name}
nlohmann::json unit_ref(const layers::Unit& u);
// The full unit: names, population, area, parents and children in division d.
nlohmann::json unit_detail(const layers::Catalog& catalog, layers::Division d, const layers::Unit& u);

}  // namespace server
