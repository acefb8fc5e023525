#include "server/routes/initiatives.h"

#include <nlohmann/json.hpp>

#include "layers/coverage/territory_initiatives.h"
#include "server/encode/initiative_json.h"
#include "server/encode/practice_sheet.h"
#include "server/filter_params.h"
#include "server/http/errors.h"
#include "server/params.h"
#include "server/routes/ogc_context.h"
#include "server/routes/ogc_params.h"
#include "server/routes/unit_lookup.h"
#include "server/unit_json.h"

namespace server::routes {

http::Response get_initiative(const http::Request& r, const layers::Registry& reg) {
  check_known_params(r, {"f"});
  const Format format = negotiate(r, false);
  const std::string& id = r.path_param("id");
  const layers::StoredInitiative* s = layers::find_initiative(reg, id);
  if (!s) throw http::NotFound("no initiative " + id, {{"id", id}});
  http::Response response = http::json(200, "");
  if (format == Format::html) {
    response.content_type = kHtml;
    response.body = encode::practice_sheet_html(reg.catalog(), *s);
  } else {
    response.body = encode::initiative_detail(reg.catalog(), *s).dump();
  }
  http::set_header(response, "Vary", "Accept");
  return response;
}

std::string initiative_representation(const http::Request& r) {
  return negotiate(r, false) == Format::html ? "html" : "json";
}

http::Response territory_initiatives(const http::Request& r, const layers::Registry& reg) {
  const UnitPath path = parse_unit_path(r, {"division"}, Filters::yes);
  const layers::InitiativeFilter filter = parse_filter(r, reg);
  const layers::Unit& u = find_unit(reg.catalog(), path);
  const layers::Division d = path.division;

  nlohmann::json list = nlohmann::json::array();
  nlohmann::json counts = {{"in", 0}, {"in_sub_unit", 0}, {"on_enclosing", 0}};
  const auto related = layers::initiatives_related_to(reg, d, u, filter);
  for (const auto& rel : related) {
    nlohmann::json j = encode::initiative_summary(*rel.initiative);
    const std::string relation(layers::relation_name(rel.relation));
    j["relation"] = relation;
    j["enclosing"] = rel.enclosing ? unit_ref(*rel.enclosing) : nlohmann::json(nullptr);
    j["covers_whole_unit"] = rel.joined->whole;
    j["basis"] = rel.joined->basis;
    counts[relation] = counts[relation].get<int>() + 1;
    list.push_back(std::move(j));
  }
  counts["total"] = related.size();
  nlohmann::json unit = unit_ref(u);
  unit["division"] = std::string(layers::division_name(d));
  nlohmann::json parents = nlohmann::json::array();
  for (const layers::Unit* p = reg.catalog().parent(d, u); p; p = reg.catalog().parent(d, *p))
    parents.push_back(unit_ref(*p));
  unit["parents"] = parents;
  return http::json(200, nlohmann::json{{"unit", unit}, {"counts", counts}, {"initiatives", list}}.dump());
}

}  // namespace server::routes
