#pragma once
// The join of an uploaded file held in memory (CSV with lon/lat or wkt
// columns, or a GeoJSON FeatureCollection): the same records come back with
// the place_join_columns() appended. Malformed input is refused with a
// message that names the line (CSV) or the feature (GeoJSON).
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "layers/catalog.h"

namespace layers {

// The upload cannot be read; what() names the line or feature and the reason.
struct UploadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct UploadReport {
  std::size_t records = 0;
  std::map<std::string, std::size_t> by_basis;  // join_basis -> records
};

struct JoinedCsv {
  std::vector<std::string> header;  // the upload's header, then the appended columns
  std::vector<std::vector<std::string>> rows;
  UploadReport report;
};

// RFC 4180 text with a header line. The place is read from the first of
// lon|longitude|lng|long|x with lat|latitude|y, else from wkt|geometry|geom
// (column names compared case-insensitively); a record whose coordinates are
// both empty joins nothing (no_geometry).
JoinedCsv join_csv_upload(const Catalog& catalog, std::string_view text);

struct JoinedGeoJson {
  nlohmann::ordered_json collection;  // the upload, properties extended, member order kept
  UploadReport report;
};

// A FeatureCollection of Point, MultiPoint, Polygon or MultiPolygon features
// (other geometry types and null geometries are kept, joined to nothing).
JoinedGeoJson join_geojson_upload(const Catalog& catalog, std::string_view text);

}  // namespace layers
