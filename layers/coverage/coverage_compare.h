#pragma once
// Coverage compared between two contest editions or two periods: per unit,
// the initiatives of edition A and of edition B that act in it or on an
// enclosing unit (counted as /coverage counts them), whether it became
// covered or stopped being covered, and the change in count and per 100,000.
//
// The comparison's text, as /coverage?compare= takes it:
//   contest:A,B      two contest labels (as the data spells them, compared
//                    accent- and case-insensitively; a label with a comma
//                    cannot be named)
//   year:A,B         two years or periods, each YYYY or YYYY/YYYY
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "layers/coverage/coverage.h"

namespace layers {

// A comparison text that cannot be read or names an edition the data does
// not hold; what() says why, without internals.
struct CompareError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

enum class CompareAttribute { contest, year };

struct EditionCompare {
  CompareAttribute attribute = CompareAttribute::contest;
  std::string a, b;  // the two editions as given ("Primer Concurso", "2008/2010")
  // base with edition A's (B's) condition added.
  InitiativeFilter filter_a, filter_b;
};

// Limits: the text at most 500 bytes.
inline constexpr std::size_t kMaxCompareText = 500;

// Reads text and adds each edition's condition to base. Throws CompareError
// for a bad text, an unknown contest, two equal editions, or a base filter
// that already sets the compared attribute.
EditionCompare parse_edition_compare(const std::string& text, const InitiativeFilter& base, const Registry& registry);

// How a unit's coverage changed from A to B.
enum class CoverageChange { newly_covered, no_longer_covered, covered_in_both, covered_in_neither };
std::string_view coverage_change_name(CoverageChange c);

struct UnitComparison {
  const Unit* unit = nullptr;
  std::size_t count_a = 0, count_b = 0;  // initiatives in or on the unit
  double per_100k_a = 0, per_100k_b = 0;
  CoverageChange change = CoverageChange::covered_in_neither;
  std::int64_t count_change() const { return static_cast<std::int64_t>(count_b) - static_cast<std::int64_t>(count_a); }
  double per_100k_change() const { return per_100k_b - per_100k_a; }
};

struct ComparisonSummary {
  std::size_t units = 0, covered_a = 0, covered_b = 0, newly_covered = 0, no_longer_covered = 0;
  std::size_t initiatives_a = 0, initiatives_b = 0;  // initiatives passing each edition's filter
};

struct CoverageComparison {
  Level level = Level::region;
  Division division = Division::d2018;
  std::vector<UnitComparison> units;  // every unit of the level (inside `within`), by code
  ComparisonSummary summary;
};

// within: only the units inside this unit of the same division (or null).
CoverageComparison compare_coverage(const Registry& registry, Level level, Division division,
                                    const EditionCompare& editions, const Unit* within = nullptr);

}  // namespace layers
