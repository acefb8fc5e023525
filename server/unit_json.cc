#include "server/unit_json.h"

#include <cmath>

namespace server {

nlohmann::json unit_ref(const layers::Unit& u) {
  return {{"level", std::string(layers::level_name(u.level))}, {"code", u.code}, {"name", u.name}};
}

nlohmann::json unit_detail(const layers::Catalog& catalog, layers::Division d, const layers::Unit& u) {
  nlohmann::json j = unit_ref(u);
  j["division"] = std::string(layers::division_name(d));
  j["population"] = u.population;
  // Areas to 0.01 km²: the boundaries are generalised, finer digits mean nothing.
  j["area_km2"] = std::round(u.area_km2 * 100) / 100;
  j["has_geometry"] = catalog.geometry(d, u.code) != nullptr;
  if (u.level == layers::Level::commune) {
    const std::string former = catalog.former_code(u.code);
    if (former != u.code) j["code_2007"] = former;
  }
  nlohmann::json parents = nlohmann::json::array();
  for (const layers::Unit* p = catalog.parent(d, u); p; p = catalog.parent(d, *p)) parents.push_back(unit_ref(*p));
  j["parents"] = parents;
  nlohmann::json children = nlohmann::json::array();
  for (const layers::Unit* c : catalog.children(d, u)) children.push_back(unit_ref(*c));
  j["children"] = children;
  return j;
}

}  // namespace server
