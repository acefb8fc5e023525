#pragma once
// Pure parsers for query parameters: each returns a value or throws
// http::BadRequest naming the parameter and what is allowed.
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "layers/model/unit.h"
#include "server/http/request.h"

namespace server {

// Rejects any query parameter not in `allowed` (a typo must not be ignored).
void check_known_params(const http::Request& r, std::initializer_list<std::string_view> allowed);
// A finite decimal number in [min, max].
double parse_number(std::string_view name, const std::string& text, double min, double max);
// A required number parameter.
double required_number(const http::Request& r, std::string_view name, double min, double max);
// A whole number in [1, max] (fallback when absent), e.g. limit.
std::size_t count_param(const http::Request& r, std::string_view name, std::size_t fallback, std::size_t max);
// division=2018|2007, default 2018.
layers::Division division_param(const http::Request& r);
// A CUT code: 2, 3 or 5 digits.
std::string parse_unit_code(const std::string& text);

}  // namespace server
