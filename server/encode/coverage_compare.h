#pragma once
// The answer of /coverage?compare= as JSON and as CSV: per unit the counts
// and initiatives per 100,000 of both editions, their change and how the
// unit's coverage changed.
#include <string>

#include "layers/coverage/coverage_compare.h"

namespace server::encode {

// within: the unit the comparison was restricted to, or null.
std::string coverage_compare_json(const layers::CoverageComparison& c, const layers::EditionCompare& e,
                                  const layers::Unit* within);

// One row per unit; per 100,000 figures with two decimals.
std::string coverage_compare_csv(const layers::CoverageComparison& c);

}  // namespace server::encode
