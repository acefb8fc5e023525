#pragma once
// The attribute filter shared by coverage, tiles, features and statistics:
// each list is "any of" (empty: no condition), compared accent-, case- and
// punctuation-insensitively; the conditions combine with AND.
#include <optional>
#include <string>
#include <vector>

#include "layers/model/initiative.h"

namespace layers {

struct InitiativeFilter {
  std::vector<std::string> area, thematic_field, award, stage, institution_type, scope, rurality, contest;
  std::optional<bool> field_visit;
  std::optional<int> year_min, year_max;  // inclusive; an initiative with no year fails any year condition

  bool empty() const;
  bool matches(const Initiative& i) const;
  // A canonical text for cache keys and ETags: equal filters, equal keys.
  std::string key() const;
};

// The attribute names a filter understands, in the order key() lists them.
const std::vector<std::string>& filter_attribute_names();

}  // namespace layers
