#pragma once
// Reads initiative records from any GDAL vector source: CSV (with lon/lat or
// WKT columns, or only unit codes/names), GeoJSON, GeoPackage, Shapefile.
//
// Recognised fields (case-insensitive): id, name, institution,
// institution_type, area, thematic_field, scope, rurality, contest, year,
// stage, award, field_visit, region_recorded, footprint_division,
// footprint_codes, footprint_names, footprint_level, footprint_basis. Every
// field, recognised or not, is also kept in the record's attributes.
// The footprint is, in order of preference: the feature geometry (points or
// polygons), footprint_codes, footprint_names; otherwise unknown. The fields
// are read as layers/model/initiative_fields.h says, like the write API does.
#include <string>
#include <vector>

#include "layers/model/initiative.h"

namespace layers {

struct SourceRecord {
  std::string label;  // "line 12" for CSV, "feature 12" otherwise, plus id
  Initiative initiative;
  std::vector<std::string> notes;  // repairs worth telling the user
};

// Throws ImportError naming the first bad record (all or nothing), or
// geo::GdalError if GDAL cannot open the source.
std::vector<SourceRecord> read_initiatives(const std::string& path);

}  // namespace layers
