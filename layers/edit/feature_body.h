#pragma once
// The GeoJSON Feature of the write API (the body of POST and PUT, the result
// of a PATCH merge) read into the record `territorio import` makes of the
// same feature, and a stored record written back as such a feature (the
// audit trail's before and after, a version restored by PUT). Joining the
// footprint to units is the caller's (layers/store/importer.h).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "layers/edit/json_body.h"
#include "layers/features/feature_crs.h"
#include "layers/model/initiative.h"
#include "layers/store/initiative_source.h"

namespace layers::edit {

// The CRS a Content-Crs header names: "<http://www.opengis.net/def/crs/EPSG/0/32719>"
// (the angle brackets may be left out), one of supported_crs(). BadBody
// (invalid) for any other value.
const Crs& parse_content_crs(std::string_view header);

struct FeatureOptions {
  std::size_t max_vertices = 200'000;  // positions of the geometry (too_large past it)
  const Crs* crs = nullptr;            // the CRS of the coordinates; null: CRS84
};

// The record of a Feature: properties as import reads fields (recognised
// names case-insensitively; a null property is absent; every property but
// footprint_kind and the output-only ones is kept in the attributes, in
// input order, as text: numbers without a trailing ".0", booleans
// true/false, footprint_codes/footprint_names arrays joined with ';').
// The id is properties.id or the feature's id (they must agree; 1-64
// characters of [A-Za-z0-9._-]); "" when neither is given, for the caller
// to assign. footprint_kind, when given, decides the footprint (codes,
// names, points, polygons: the source it names must not be empty; unknown:
// none; the geometry is read only for points and polygons); otherwise the
// geometry, then footprint_codes, then footprint_names. Invalid polygons are
// repaired as import repairs them (a note says so). BadBody for anything
// else, naming the member.
SourceRecord parse_feature(const Json& feature, const FeatureOptions& options = {});

// The Feature text of a record as stored: the top-level id (none while it
// is "") and revision (when given); properties in the order of the attributes, each recognised
// one with its value in the record (year a number, field_visit a boolean,
// lists joined with ';'), then recognised fields the attributes lack, then
// footprint_kind; the record's own points or polygons with every digit, or
// null. parse_feature reads it back into the same record.
std::string record_feature_json(const Initiative& in, std::optional<std::int64_t> revision = std::nullopt);

// Properties a feature shows but a write ignores: the joined unit codes.
bool is_output_only_property(std::string_view lower_name);


// A fresh id for a record created without one: "i" and 12 random lower-case
// hex digits (48 bits from the system's CSPRNG).
std::string new_initiative_id();

}  // namespace layers::edit
