#include "server/routes/operations.h"

#include <nlohmann/json.hpp>

#include "server/params.h"

namespace server::routes {

http::Response healthz(const http::Request& r) {
  check_known_params(r, {});
  return http::json(200, R"({"status":"ok"})");
}

http::Response readyz(const http::Request& r, const layers::Registry& reg) {
  check_known_params(r, {});
  nlohmann::json units = nlohmann::json::object();
  for (layers::Division d : layers::kAllDivisions) {
    nlohmann::json counts = nlohmann::json::object();
    for (layers::Level l : {layers::Level::region, layers::Level::province, layers::Level::commune})
      counts[std::string(layers::level_name(l))] = reg.catalog().units(d, l).size();
    units[std::string(layers::division_name(d))] = counts;
  }
  const nlohmann::json j = {{"status", "ready"},
                            {"generation", reg.generation()},
                            {"initiatives", reg.initiatives().size()},
                            {"units", units}};
  return http::json(200, j.dump());
}

}  // namespace server::routes
