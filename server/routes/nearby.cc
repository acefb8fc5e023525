#include "server/routes/nearby.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "layers/neighbours/nearby.h"
#include "server/encode/initiative_json.h"
#include "server/filter_params.h"
#include "server/params.h"
#include "server/routes/unit_lookup.h"
#include "server/unit_json.h"

namespace server::routes {

namespace {
using nlohmann::json;

constexpr std::size_t kDefaultLimit = 20, kMaxLimit = 100;

json km(const std::optional<double>& v) { return v ? json(std::round(*v * 10) / 10) : json(nullptr); }
}  // namespace

http::Response nearby_initiatives(const http::Request& r, const layers::Snapshot& snapshot) {
  const layers::Registry& reg = snapshot.registry();
  const UnitPath path = parse_unit_path(r, {"division", "limit"}, Filters::yes);
  const std::size_t limit = count_param(r, "limit", kDefaultLimit, kMaxLimit);
  const layers::InitiativeFilter filter = parse_filter(r, reg);
  const layers::Unit& u = find_unit(reg.catalog(), path);
  const layers::Division d = path.division;
  const layers::Neighbourhood& neighbourhood = snapshot.territory()->neighbourhood();
  const layers::Nearby nearby = layers::nearby_initiatives(reg, neighbourhood, d, u, filter, limit);

  json neighbours = json::array();
  for (const layers::Neighbour& n : neighbourhood.neighbours(d, u)) {
    json j = unit_ref(*n.unit);
    j["reach"] = std::string(layers::reach_name(n.reach));
    j["distance_km"] = km(n.distance_km);
    neighbours.push_back(std::move(j));
  }
  json list = json::array();
  for (const layers::NearbyInitiative& n : nearby.initiatives) {
    json j = encode::initiative_summary(*n.initiative);
    j["unit"] = unit_ref(*n.unit);
    j["relation"] = std::string(layers::nearby_relation_name(n.relation));
    j["on_enclosing"] = n.on_enclosing;
    j["distance_km"] = km(n.distance_km);
    list.push_back(std::move(j));
  }
  json unit = unit_ref(u);
  unit["division"] = std::string(layers::division_name(d));
  json parents = json::array();
  for (const layers::Unit* p = reg.catalog().parent(d, u); p; p = reg.catalog().parent(d, *p))
    parents.push_back(unit_ref(*p));
  unit["parents"] = parents;
  return http::json(200, json{{"unit", unit},
                              {"neighbours", neighbours},
                              {"initiatives", list},
                              {"returned", list.size()},
                              {"total", nearby.total},
                              {"limit", limit}}
                             .dump());
}

}  // namespace server::routes
