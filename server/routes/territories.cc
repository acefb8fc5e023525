#include "server/routes/territories.h"

#include <cmath>

#include "layers/join/join.h"
#include "server/params.h"
#include "server/routes/unit_lookup.h"
#include "server/unit_json.h"

namespace server::routes {

http::Response get_territory(const http::Request& r, const layers::Registry& reg) {
  const UnitPath path = parse_unit_path(r, {"division"}, Filters::no);
  const layers::Unit& u = find_unit(reg.catalog(), path);
  return http::json(200, unit_detail(reg.catalog(), path.division, u).dump());
}

http::Response locate(const http::Request& r, const layers::Registry& reg) {
  check_known_params(r, {"lon", "lat"});
  const double lon = required_number(r, "lon", -180, 180);
  const double lat = required_number(r, "lat", -90, 90);
  nlohmann::json j = {{"lon", lon}, {"lat", lat}};
  if (!layers::in_chile_extent(lon, lat)) {
    j["basis"] = "outside_chile";
    j["commune"] = nullptr;
    if (layers::in_chile_extent(lat, lon)) j["hint"] = "longitude and latitude look swapped";
    return http::json(200, j.dump());
  }
  const layers::PointMatch m = reg.catalog().locate(lon, lat);
  j["basis"] = std::string(layers::point_basis_name(m.basis));
  if (m.basis == layers::PointBasis::nearest) j["distance_m"] = std::round(m.distance_m);
  if (!m.commune) {
    j["commune"] = nullptr;
    return http::json(200, j.dump());
  }
  j["commune"] = unit_ref(*m.commune);
  nlohmann::json divisions = nlohmann::json::object();
  for (layers::Division d : layers::kAllDivisions) {
    nlohmann::json dj = nlohmann::json::object();
    for (layers::Level l : {layers::Level::province, layers::Level::region})
      if (const layers::Unit* a = reg.catalog().ancestor(d, *m.commune, l))
        dj[std::string(layers::level_name(l))] = unit_ref(*a);
    divisions[std::string(layers::division_name(d))] = dj;
  }
  j["divisions"] = divisions;
  return http::json(200, j.dump());
}

}  // namespace server::routes
