#pragma once
// ASCII helpers for protocol text: header names, methods and tokens are
// case-insensitive ASCII, so no locale may take part.
#include <string>
#include <string_view>

namespace server::http {

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view text);
// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
std::string_view trim(std::string_view text);

}  // namespace server::http
