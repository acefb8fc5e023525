#include "layers/coverage/coverage_compare.h"

#include <algorithm>
#include <cctype>

#include "layers/model/initiative_fields.h"
#include "layers/model/text_normalize.h"
#include "layers/model/vocabulary.h"

namespace layers {

namespace {

int read_year(const std::string& text) {
  if (text.size() != 4 || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    throw CompareError("a year period is YYYY or YYYY/YYYY, not '" + text + "'");
  return std::stoi(text);
}

// One year or period into the filter's year bounds.
void set_period(const std::string& text, InitiativeFilter& f) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) {
    f.year_min = f.year_max = read_year(text);
    return;
  }
  f.year_min = read_year(text.substr(0, slash));
  f.year_max = read_year(text.substr(slash + 1));
  if (*f.year_min > *f.year_max) throw CompareError("the period " + text + " ends before it starts");
}

// The contest label as the data spells it.
std::string known_contest(const std::string& text, const Registry& registry) {
  for (const std::string& v : allowed_values(registry, "contest"))
    if (normalize_name(v) == normalize_name(text)) return v;
  throw CompareError("no initiative has the contest '" + text + "'");
}

}  // namespace

std::string_view coverage_change_name(CoverageChange c) {
  switch (c) {
    case CoverageChange::newly_covered: return "newly_covered";
    case CoverageChange::no_longer_covered: return "no_longer_covered";
    case CoverageChange::covered_in_both: return "covered_in_both";
    case CoverageChange::covered_in_neither: return "covered_in_neither";
  }
  return "";
}

EditionCompare parse_edition_compare(const std::string& text, const InitiativeFilter& base, const Registry& registry) {
  if (text.size() > kMaxCompareText)
    throw CompareError("compare is longer than " + std::to_string(kMaxCompareText) + " bytes");
  const auto colon = text.find(':');
  if (colon == std::string::npos)
    throw CompareError("compare must be contest:A,B or year:A,B, not '" + text + "'");
  const std::string attribute = text.substr(0, colon), rest = text.substr(colon + 1);
  const auto comma = rest.find(',');
  if (comma == std::string::npos || rest.find(',', comma + 1) != std::string::npos)
    throw CompareError("compare names exactly two editions separated by a comma, not '" + rest + "'");
  EditionCompare e;
  e.a = trim_blanks(rest.substr(0, comma));
  e.b = trim_blanks(rest.substr(comma + 1));
  if (e.a.empty() || e.b.empty()) throw CompareError("compare names an empty edition");
  e.filter_a = e.filter_b = base;
  if (attribute == "contest") {
    if (!base.contest.empty()) throw CompareError("compare on contest cannot be combined with the contest filter");
    e.attribute = CompareAttribute::contest;
    e.a = known_contest(e.a, registry);
    e.b = known_contest(e.b, registry);
    if (normalize_name(e.a) == normalize_name(e.b)) throw CompareError("compare names the same contest twice");
    e.filter_a.contest = {e.a};
    e.filter_b.contest = {e.b};
  } else if (attribute == "year") {
    if (base.year_min || base.year_max) throw CompareError("compare on year cannot be combined with the year filter");
    e.attribute = CompareAttribute::year;
    set_period(e.a, e.filter_a);
    set_period(e.b, e.filter_b);
    if (e.filter_a.year_min == e.filter_b.year_min && e.filter_a.year_max == e.filter_b.year_max)
      throw CompareError("compare names the same period twice");
  } else {
    throw CompareError("compare must be on contest or year, not '" + attribute + "'");
  }
  return e;
}

CoverageComparison compare_coverage(const Registry& registry, Level level, Division division,
                                    const EditionCompare& editions, const Unit* within) {
  const Coverage a = compute_coverage(registry, level, division, editions.filter_a, within);
  const Coverage b = compute_coverage(registry, level, division, editions.filter_b, within);
  CoverageComparison out;
  out.level = level;
  out.division = division;
  out.summary.units = a.units.size();
  out.summary.initiatives_a = a.summary.initiatives;
  out.summary.initiatives_b = b.summary.initiatives;
  // Both coverages list the same units in the same order (by code).
  for (std::size_t i = 0; i < a.units.size(); ++i) {
    UnitComparison u;
    u.unit = a.units[i].unit;
    u.count_a = a.units[i].total();
    u.count_b = b.units[i].total();
    u.per_100k_a = a.units[i].per_100k();
    u.per_100k_b = b.units[i].per_100k();
    const bool in_a = u.count_a > 0, in_b = u.count_b > 0;
    u.change = in_a ? (in_b ? CoverageChange::covered_in_both : CoverageChange::no_longer_covered)
                    : (in_b ? CoverageChange::newly_covered : CoverageChange::covered_in_neither);
    out.summary.covered_a += in_a;
    out.summary.covered_b += in_b;
    out.summary.newly_covered += u.change == CoverageChange::newly_covered;
    out.summary.no_longer_covered += u.change == CoverageChange::no_longer_covered;
    out.units.push_back(u);
  }
  return out;
}

}  // namespace layers
