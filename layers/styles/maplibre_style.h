#pragma once
// A choropleth as a MapLibre (Mapbox GL) style document, version 8: one
// vector source on the server's XYZ tile URLs and the fill (circles for
// points) coloured by a `step` expression on the property the PNG tiles class.
#include <string>

#include <nlohmann/json.hpp>

#include "layers/styles/choropleth.h"

namespace layers {

// base_url: the server's public base, without a trailing '/'.
nlohmann::json maplibre_style(const ChoroplethStyle& s, const std::string& base_url);
// The same style over another vector source (an offline package's), named
// "territorio" in the document.
nlohmann::json maplibre_style_over(const ChoroplethStyle& s, nlohmann::json source);
// The source's tile URL template, {z}/{x}/{y} left in.
std::string style_tile_template(const ChoroplethStyle& s, const std::string& base_url);

}  // namespace layers
