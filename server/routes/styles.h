#pragma once
// OGC API - Styles, read-only: the map's choropleths per collection with
// map tiles (layers/styles/), /collections/{id}/styles listing them and
// /collections/{id}/styles/{styleId}?f=mapbox|qml|sld one in an encoding
// (MapLibre/Mapbox GL style, QGIS QML, SLD 1.1). The documents depend on
// the base URL only, not on the data.
#include <string>

#include "server/http/router.h"
#include "server/site.h"

namespace server::routes {

inline constexpr const char* kStylesRel = "http://www.opengis.net/def/rel/ogc/1.0/styles";
inline constexpr const char* kMapboxStyleType = "application/vnd.mapbox.style+json";
inline constexpr const char* kQmlType = "application/vnd.qgis.qml";
inline constexpr const char* kSldType = "application/vnd.ogc.sld+xml;version=1.1";

// Whether a collection has styles (it has map tiles), for its links.
bool collection_has_styles(const std::string& collection_id);

void add_style_routes(http::Router& router, const Site& site);

}  // namespace server::routes
