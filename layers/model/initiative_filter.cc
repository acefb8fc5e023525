#include "layers/model/initiative_filter.h"

#include <algorithm>

#include "layers/model/text_normalize.h"

namespace layers {

namespace {
bool any_of(const std::vector<std::string>& wanted, const std::string& value) {
  if (wanted.empty()) return true;
  const std::string v = normalize_name(value);
  return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& w) { return normalize_name(w) == v; });
}

std::string list_key(const std::vector<std::string>& values) {
  std::vector<std::string> norm;
  for (const auto& v : values) norm.push_back(normalize_name(v));
  std::sort(norm.begin(), norm.end());
  norm.erase(std::unique(norm.begin(), norm.end()), norm.end());
  std::string out;
  for (const auto& n : norm) out += (out.empty() ? "" : ",") + n;
  return out;
}
}  // namespace

const std::vector<std::string>& filter_attribute_names() {
  static const std::vector<std::string> names = {"area", "thematic_field", "award", "stage", "institution_type",
                                                 "scope", "rurality", "contest", "field_visit", "year"};
  return names;
}

bool InitiativeFilter::empty() const {
  return area.empty() && thematic_field.empty() && award.empty() && stage.empty() && institution_type.empty() &&
         scope.empty() && rurality.empty() && contest.empty() && !field_visit && !year_min && !year_max;
}

bool InitiativeFilter::matches(const Initiative& i) const {
  if (!any_of(area, i.area) || !any_of(thematic_field, i.thematic_field) || !any_of(award, i.award) ||
      !any_of(stage, i.stage) || !any_of(institution_type, i.institution_type) || !any_of(scope, i.scope) ||
      !any_of(rurality, i.rurality) || !any_of(contest, i.contest))
    return false;
  if (field_visit && i.field_visit != field_visit) return false;
  if ((year_min || year_max) && !i.year) return false;
  if (year_min && *i.year < *year_min) return false;
  if (year_max && *i.year > *year_max) return false;
  return true;
}

namespace {

std::string spelled(const InitiativeFilter& f) {
  const auto& [area, thematic_field, award, stage, institution_type, scope, rurality, contest, field_visit, year_min,
               year_max] = f;
  std::string k = "area=" + list_key(area) + ";thematic_field=" + list_key(thematic_field) +
                  ";award=" + list_key(award) + ";stage=" + list_key(stage) +
                  ";institution_type=" + list_key(institution_type) + ";scope=" + list_key(scope) +
                  ";rurality=" + list_key(rurality) + ";contest=" + list_key(contest) + ";field_visit=" +
                  (field_visit ? (*field_visit ? "true" : "false") : "") + ";year=" +
                  (year_min ? std::to_string(*year_min) : "") + "/" + (year_max ? std::to_string(*year_max) : "");
  return k;
}

}  // namespace

std::string InitiativeFilter::key() const {
  // Most requests (every unfiltered tile) have no filter: its key is spelled once.
  static const std::string kEmpty = spelled(InitiativeFilter{});
  return empty() ? kEmpty : spelled(*this);
}

}  // namespace layers
