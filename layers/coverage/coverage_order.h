#pragma once
// Which units of a coverage are listed and in what order: only the covered
// or only the uncovered ones, sorted by a figure, so "the communes of my
// region with no initiative, largest first" is one request.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layers/coverage/coverage.h"

namespace layers {

enum class CoverageSortKey {
  code,
  name,
  population,
  total,
  per_100k,
  nearest_initiative_km,
  neighbours_per_100k,
};

struct CoverageOrder {
  CoverageSortKey key = CoverageSortKey::code;
  bool descending = false;
};

// "population", "-population" ...; nullopt for an unknown key.
std::optional<CoverageOrder> parse_coverage_order(std::string_view text);
// The key names parse_coverage_order accepts (without '-').
const std::vector<std::string>& coverage_sort_keys();

// Keeps the units whose covered() equals `covered` (all when unset) and
// sorts them by `order`, then by code; a unit with no value for the key
// (an unmeasured gap figure) comes last either way. The summary is left
// as it was: it describes every unit considered.
void select_units(Coverage& coverage, std::optional<bool> covered, const CoverageOrder& order);

}  // namespace layers
