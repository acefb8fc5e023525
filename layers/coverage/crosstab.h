#pragma once
// Cross-tabulations of initiatives by one or two attributes: the machinery
// that reproduces the seed report's annex tables from the records. A value
// the data does not have is counted as "unknown", never guessed.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "layers/model/initiative_filter.h"
#include "layers/snapshot/registry.h"

namespace layers {

// The value every missing attribute is counted under.
inline constexpr const char* kUnknownValue = "unknown";

struct CrosstabValue {
  std::string value;  // a CUT code for regions and provinces, else the text
  std::string label;  // the unit's name, or the text
};

struct CrosstabAxis {
  std::string attribute;
  // The division a territorial attribute is counted in (the recorded region
  // is always resolved in 2007, the seed's era); empty for the others.
  std::optional<Division> division;
  std::vector<CrosstabValue> values;  // rows (or columns), in presentation order
  std::vector<std::size_t> counts;    // initiatives with each value
  // True when an initiative may count under several values (a footprint that
  // reaches several regions): the counts then add up to more than the total.
  bool multi_valued = false;
};

struct Crosstab {
  std::vector<CrosstabAxis> axes;              // one or two
  std::vector<std::vector<std::size_t>> cells;  // [row][column] with two axes; empty with one
  std::size_t total = 0;                        // initiatives passing the filter
};

// The attributes crosstab() understands: region_recorded, region, province
// (joined, in `division`), area, thematic_field, award, stage,
// institution_type, scope, rurality, field_visit, year.
const std::vector<std::string>& crosstab_attributes();

// Throws std::invalid_argument for an attribute not in crosstab_attributes()
// or for other than one or two of them (the caller validates first).
Crosstab crosstab(const Registry& registry, const std::vector<std::string>& by, Division division,
                  const InitiativeFilter& filter);

}  // namespace layers
