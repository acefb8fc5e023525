#include "server/routes/territory_search.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "server/http/errors.h"
#include "server/params.h"
#include "server/unit_json.h"

namespace server::routes {

namespace {
using nlohmann::json;

constexpr std::size_t kDefaultLimit = 10, kMaxLimit = 100;

std::optional<layers::Level> optional_level(const http::Request& r) {
  const auto v = r.query_value("level");
  if (!v) return std::nullopt;
  if (auto l = layers::parse_level(*v)) return l;
  throw http::BadRequest("level must be region, province or commune, not '" + *v + "'",
                         {{"parameter", "level"}, {"allowed", {"region", "province", "commune"}}});
}

std::optional<layers::Division> optional_division(const http::Request& r) {
  if (!r.query_value("division")) return std::nullopt;  // both divisions
  return division_param(r);
}
}  // namespace

http::Response search_territories(const http::Request& r, const layers::Registry& reg) {
  check_known_params(r, {"q", "level", "division", "limit"});
  const auto q = r.query_value("q");
  if (!q || q->find_first_not_of(" \t") == std::string::npos)
    throw http::BadRequest("missing query parameter q (a place name)", {{"parameter", "q"}});
  const auto level = optional_level(r);
  const auto division = optional_division(r);
  const std::size_t limit = count_param(r, "limit", kDefaultLimit, kMaxLimit);

  const auto& catalog = reg.catalog();
  json results = json::array();
  for (const auto& m : reg.gazetteer().search(*q, limit, level, division)) {
    const layers::GazetteerEntry& e = *m.entry;
    json j = {{"level", std::string(layers::level_name(e.level))},
              {"code", e.code},
              {"name", e.name},
              {"division", std::string(layers::division_name(e.division))},
              {"matched_name", m.matched_name},
              {"via_alias", m.via_alias}};
    json parents = json::array();
    if (const layers::Unit* u = catalog.find(e.division, e.code))
      for (const layers::Unit* p = catalog.parent(e.division, *u); p; p = catalog.parent(e.division, *p))
        parents.push_back(unit_ref(*p));
    j["parents"] = parents;
    results.push_back(std::move(j));
  }
  // replace: q is the client's text, which need not be valid UTF-8.
  return http::json(200, json{{"query", *q}, {"results", results}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace server::routes
