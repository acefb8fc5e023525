#include "server/routes/unit_lookup.h"

#include "server/filter_params.h"
#include "server/http/errors.h"
#include "server/params.h"

namespace server::routes {

UnitPath parse_unit_path(const http::Request& r, std::initializer_list<std::string_view> known, Filters filters) {
  if (filters == Filters::yes) check_known_params_with_filter(r, known);
  else check_known_params(r, known);
  UnitPath path;
  path.division = division_param(r);
  path.code = parse_unit_code(r.path_param("code"));
  return path;
}

const layers::Unit& find_unit(const layers::Catalog& catalog, const UnitPath& path) {
  const layers::Unit* u = catalog.find(path.division, path.code);
  if (!u) {
    const std::string division(layers::division_name(path.division));
    throw http::NotFound("no unit " + path.code + " in division " + division,
                         {{"code", path.code}, {"division", division}});
  }
  return *u;
}

}  // namespace server::routes
