#pragma once
// HTML views of the API's JSON documents for people with a browser: every
// member shown (objects as tables, arrays of objects as one table), every
// link an anchor, and, when given features, a small map drawn by an inline
// script on a canvas (no external code or tiles).
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "server/encode/html_text.h"

namespace server::encode {

// Text with &, <, >, " and ' escaped.
std::string html_escape(std::string_view text);

// A whole page. geojson: a GeoJSON FeatureCollection or Feature text to map
// (empty: no map). In Spanish, the frame, the title, link titles, the
// values of "title" and "description" members and the members' names go
// through translate() and member_label() (server/encode/html_text.h).
std::string html_page(const std::string& title, const nlohmann::json& document, std::string_view geojson = {},
                      Language language = Language::en);

}  // namespace server::encode
