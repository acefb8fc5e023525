#pragma once
// Pure parsers of the OGC API - Features query parameters; each returns a
// value or throws http::BadRequest naming the parameter.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "geo/geos/geometry.h"
#include "layers/features/collections.h"
#include "layers/features/feature_crs.h"
#include "layers/features/feature_query.h"
#include "server/http/request.h"

namespace server::routes {

// csvt and prj: the column types and the CRS of a CSV download (GDAL's
// .csvt and .prj companion files).
enum class Format { json, html, csv, gpkg, fgb, csvt, prj };

// f=json|geojson|html (|csv|gpkg|fgb|csvt|prj with downloads), else the Accept
// header (text/html before any JSON type means HTML), else JSON.
Format negotiate(const http::Request& r, bool downloads);

// limit: an integer >= 1; above kMaxLimit it is clamped. Default kDefaultLimit.
std::size_t parse_limit(const std::optional<std::string>& text);
// offset: an integer >= 0.
std::size_t parse_offset(const std::optional<std::string>& text);
// bbox: 4 or 6 numbers (heights ignored), lower corner then upper corner in
// the axis order of crs; returns lon/lat boxes, two when it crosses the
// antimeridian (minimum longitude greater than the maximum).
std::vector<geo::Envelope> parse_bbox(const std::string& text, const layers::Crs& crs);
// crs / bbox-crs: a CRS URI we serve.
const layers::Crs& parse_crs(const std::string& param, const std::string& text);
// datetime: an instant (YYYY, YYYY-MM-DD, RFC 3339) or an interval with
// ".." or "" for an open end; returns the inclusive range of years.
std::pair<std::optional<int>, std::optional<int>> parse_datetime(const std::string& text);
// sortby: comma-separated properties, each optionally prefixed + or -.
std::vector<layers::SortKey> parse_sortby(const std::string& text, const layers::Collection& c);
// properties: comma-separated names of the collection's properties.
std::vector<std::size_t> parse_properties(const std::string& text, const layers::Collection& c);

// Percent-encodes a query component (RFC 3986 unreserved kept).
std::string url_encode(const std::string& text);
// The query string of r with `name` set to value (replaced, or appended),
// or removed when value is nullopt; starts with '?' unless empty.
std::string query_with(const http::Request& r, const std::vector<std::pair<std::string, std::optional<std::string>>>& changes);

}  // namespace server::routes
