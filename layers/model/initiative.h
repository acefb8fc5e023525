#pragma once
// An initiative ("buena práctica") and its footprint: where it acts.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "geo/geos/geometry.h"
#include "layers/model/practice_sheet.h"
#include "layers/model/unit.h"

namespace layers {

// How a footprint is given in the source. Unknown stays unknown: an
// initiative with no location joins to no unit.
enum class FootprintKind { codes, names, points, polygons, unknown };
std::string_view footprint_kind_name(FootprintKind k);

struct Footprint {
  FootprintKind kind = FootprintKind::unknown;
  Division division = Division::d2018;  // the division codes/names were recorded in
  std::vector<std::string> codes;       // CUT codes (level from length)
  std::vector<std::string> names;       // unit names
  std::optional<Level> names_level;     // level the names refer to, if the source says
  geo::Geometry geometry;               // points or polygons, lon/lat
  std::string basis_note;               // the source's own explanation (footprint_basis)
};

struct Initiative {
  std::string id;
  std::string name;
  std::string institution, institution_type;
  std::string area, thematic_field, scope, rurality;
  std::string contest;
  std::optional<int> year;
  std::string stage, award;
  std::optional<bool> field_visit;
  std::string region_recorded;  // region as the source wrote it
  PracticeSheet sheet;          // what a report says of it: description, remarks
  // Every field of the source record, in source order, as text.
  std::vector<std::pair<std::string, std::string>> attributes;
  Footprint footprint;
};

// One unit an initiative's footprint reaches, in one division.
struct JoinedUnit {
  Division division;
  Level level;
  std::string code;
  bool whole = false;  // every commune of the unit is in the footprint
  std::string basis;   // code | name | point_in_polygon | ... | polygon_overlap | rollup
};

}  // namespace layers
