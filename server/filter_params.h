#pragma once
// Query parameters of the initiative filter, shared by coverage, tiles,
// features and statistics: area, thematic_field, award, stage,
// institution_type, scope, rurality, contest (each repeatable or comma-separated,
// any of), field_visit (true|false), year (YYYY, YYYY/YYYY, YYYY/.., ../YYYY).
#include <initializer_list>
#include <string_view>
#include <vector>

#include "layers/model/initiative_filter.h"
#include "layers/snapshot/registry.h"
#include "server/http/request.h"

namespace server {

// The names parse_filter() reads, for check_known_params lists.
const std::vector<std::string_view>& filter_param_names();
// check_known_params() for a route that takes the filter parameters besides
// its own: any other name is a 400 listing both.
void check_known_params_with_filter(const http::Request& r, std::initializer_list<std::string_view> own);
// Throws http::BadRequest naming the parameter and listing the allowed
// values when a value is not known to the vocabulary or the data.
layers::InitiativeFilter parse_filter(const http::Request& r, const layers::Registry& registry);

}  // namespace server
