#pragma once
// The unit a /territories/{code}/... route is about, read and found the same
// way by each of them: its query names checked, division= and the {code}
// path parameter parsed (400 when malformed), then the unit looked up in
// the catalog (404 "no unit <code> in division <d>"). Two steps, so that a
// route reads its own parameters in between, as it always has: a request
// with a bad limit or filter is a 400 even for a unit that does not exist.
#include <initializer_list>
#include <string>
#include <string_view>

#include "layers/model/catalog.h"
#include "server/http/request.h"

namespace server::routes {

struct UnitPath {
  layers::Division division = layers::Division::d2018;
  std::string code;  // a well-formed CUT code
};

// Whether the route takes the coverage filters (filter_params.h) besides `known`.
enum class Filters { no, yes };

// Checks the query's names (`known`, with the filters' when asked), reads
// division= and {code}.
UnitPath parse_unit_path(const http::Request& r, std::initializer_list<std::string_view> known, Filters filters);
// The unit at path, or http::NotFound naming its code and division.
const layers::Unit& find_unit(const layers::Catalog& catalog, const UnitPath& path);

}  // namespace server::routes
