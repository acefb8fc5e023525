#pragma once
// The recognised fields of an initiative record, read from their text in one
// way by every reader (`territorio import` through GDAL, the write API from a
// GeoJSON body): trimming, ';'-lists, year, yes/no, division, level, and the
// geometry footprint with its polygon repair.
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "geo/geos/geometry.h"
#include "layers/model/initiative.h"

namespace layers {

// A field cannot be read; what() is the reason without the record
// ("year '1800' is not a year between 1900 and 2100"), for the caller to
// prefix with the record it reads.
struct FieldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The recognised field names, lower case, in the order writers list them.
inline constexpr std::string_view kRecognisedFields[] = {
    "id", "name", "institution", "institution_type", "area", "thematic_field", "scope", "rurality", "contest",
    "year", "stage", "award", "field_visit", "region_recorded", "footprint_division", "footprint_codes",
    "footprint_names", "footprint_level", "footprint_basis", "description", "remark_actors",
    "remark_actors_section", "remark_resources", "remark_resources_section", "remark_planning",
    "remark_planning_section", "remark_participation", "remark_participation_section", "remark_innovation",
    "remark_innovation_section"};
bool is_recognised_field(std::string_view lower_name);

// An id every URL can name: 1 to 64 characters of A-Z a-z 0-9 . _ -
// (imports and writes accept no other, so every record can be PUT).
bool is_valid_initiative_id(std::string_view id);
// The same rule in words, for error messages.
inline constexpr const char* kInitiativeIdRule = "1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'";

// ASCII lower case (field names are compared case-insensitively).
std::string ascii_lower(std::string_view s);
// s without leading and trailing blanks (space, tab, CR, LF).
std::string trim_blanks(std::string_view s);
// The non-empty trimmed items of a list separated by ';' or '|'.
std::vector<std::string> split_list(std::string_view s);

// The value of a recognised field, trimmed; "" when the record has none.
using FieldLookup = std::function<std::string(std::string_view lower_name)>;

// Sets every recognised field but id, and the footprint's division, level,
// basis, codes and names (not its kind). Throws FieldError for a missing
// name, a year outside 1900-2100, a field_visit that is not yes or no, an
// unknown division or level, or a practice sheet that sheet_problem refuses
// (layers/model/practice_sheet.h).
void read_recognised_fields(const FieldLookup& get, Initiative& in);

// Sets the practice sheet's fields (description, remark_<dimension>,
// remark_<dimension>_section). Throws FieldError for a sheet that
// sheet_problem refuses.
void read_sheet_fields(const FieldLookup& get, PracticeSheet& sheet);

// Makes g the footprint: points stay as they are; polygons become a
// MultiPolygon, repaired if invalid (the reason GEOS gives is returned, ""
// when nothing was repaired). Throws FieldError for any other geometry, a
// polygon that cannot be repaired, or one without area. g must not be empty.
std::string set_geometry_footprint(geo::Geometry g, Footprint& f);

}  // namespace layers
