#pragma once
// The join of an uploaded file held in memory (CSV with lon/lat or wkt
// columns, or a GeoJSON FeatureCollection): the same records come back with
// the place_join_columns() appended, written as text straight into the
// answer (no document tree), so time and memory grow linearly with the
// upload. Reading is bounded by UploadLimits; malformed input is refused
// with a message that names the line (CSV) or the feature (GeoJSON).
#include <cstddef>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "layers/model/catalog.h"
#include "layers/errors.h"

namespace layers {

// The upload cannot be read; what() names the line or feature and the
// reason, and is valid UTF-8 (echoed input is checked and shortened).
struct UploadError : DomainError {
  explicit UploadError(const std::string& detail, Fault fault = Fault::invalid) : DomainError(fault, detail) {}
};

// The upload is readable but exceeds one of the UploadLimits; what() names
// the limit and its value.
struct UploadLimitExceeded : UploadError {
  explicit UploadLimitExceeded(const std::string& detail) : UploadError(detail, Fault::too_large) {}
};

// Bounds on one upload, so that no input can exhaust the stack, the memory
// or the time of a worker. The defaults are those of POST /join (README).
struct UploadLimits {
  std::size_t max_csv_records = 1'000'000;      // records (lines) of a CSV upload
  std::size_t max_features = 250'000;           // features of a GeoJSON upload
  std::size_t max_geometry_vertices = 200'000;  // positions in one geometry
  std::size_t max_upload_vertices = 1'000'000;  // positions in all geometries together
  std::size_t max_depth = 64;                   // nesting of JSON arrays and objects
  std::size_t max_string_bytes = 1 << 20;       // one JSON string or CSV field
};

struct UploadReport {
  std::size_t records = 0;
  std::map<std::string, std::size_t> by_basis;  // join_basis -> records
};

// Receives the output header, then each record with the joined columns
// appended. The views are valid only during the call.
using CsvRowSink = std::function<void(const std::vector<std::string_view>& fields)>;

// RFC 4180 text with a header line. The place is read from the first of
// lon|longitude|lng|long|x with lat|latitude|y, else from wkt|geometry|geom
// (column names compared case-insensitively); a record whose coordinates are
// both empty joins nothing (no_geometry).
UploadReport join_csv_upload(const Catalog& catalog, std::string_view text, const CsvRowSink& sink,
                             const UploadLimits& limits = {});

// A FeatureCollection of Point, MultiPoint, Polygon or MultiPolygon features
// (other geometry types and null geometries are kept, joined to nothing),
// read as a stream of JSON events. Appends the same collection to out as
// compact JSON, members in their order, each feature's properties extended.
UploadReport join_geojson_upload(const Catalog& catalog, std::string_view text, std::string& out,
                                 const UploadLimits& limits = {});

}  // namespace layers
