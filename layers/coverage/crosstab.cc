#include "layers/coverage/crosstab.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "layers/model/text_normalize.h"
#include "layers/model/vocabulary.h"

namespace layers {

namespace {
// Chile's regions from north to south: the order of the seed's annex tables
// and of regional statistics in Chile (the codes are not in that order).
const char* const kRegionsNorthToSouth[] = {"15", "01", "02", "03", "04", "05", "13", "06",
                                            "07", "16", "08", "09", "14", "10", "11", "12"};

std::optional<Level> unit_level(const std::string& attribute) {
  if (attribute == "region_recorded" || attribute == "region") return Level::region;
  if (attribute == "province") return Level::province;
  return std::nullopt;
}

std::vector<const Unit*> regions_north_to_south(const Catalog& catalog, Division d) {
  std::vector<const Unit*> out;
  for (const char* code : kRegionsNorthToSouth)
    if (const Unit* u = catalog.find(d, code); u && u->level == Level::region) out.push_back(u);
  for (const Unit* u : catalog.units(d, Level::region))  // any region the table above does not know
    if (std::find(out.begin(), out.end(), u) == out.end()) out.push_back(u);
  return out;
}

std::vector<const Unit*> units_in_order(const Catalog& catalog, Division d, Level level) {
  std::vector<const Unit*> regions = regions_north_to_south(catalog, d);
  if (level == Level::region) return regions;
  std::vector<const Unit*> out;
  for (const Unit* r : regions)
    for (const Unit* p : catalog.children(d, *r)) out.push_back(p);
  return out;
}

// The keys of one initiative under one attribute: unit codes or texts; none
// when the record does not say.
std::vector<std::string> keys_of(const StoredInitiative& s, const std::string& attribute, Division d) {
  std::vector<std::string> keys;
  if (attribute == "region_recorded") {
    if (!s.region_recorded_code.empty()) keys.push_back(s.region_recorded_code);
  } else if (auto level = unit_level(attribute)) {
    for (const JoinedUnit& ju : s.units)
      if (ju.division == d && ju.level == *level && std::find(keys.begin(), keys.end(), ju.code) == keys.end())
        keys.push_back(ju.code);
  } else {
    std::string v = attribute_value(s.initiative, attribute);
    if (!v.empty()) keys.push_back(std::move(v));
  }
  return keys;
}

// Builds one axis: the known values first (every unit, or the vocabulary),
// then values found only in the data, then "unknown" when needed; and the
// value indices of each initiative.
class AxisBuilder {
 public:
  AxisBuilder(const Registry& registry, const std::string& attribute, Division d) {
    axis_.attribute = attribute;
    const auto level = unit_level(attribute);
    unit_keys_ = level.has_value();
    if (level) {
      axis_.division = attribute == "region_recorded" ? Division::d2007 : d;
      for (const Unit* u : units_in_order(registry.catalog(), *axis_.division, *level)) add(u->code, u->name);
    } else if (attribute == "field_visit") {
      add("true", "true");
      add("false", "false");
    } else {
      for (const auto& v : vocabulary(attribute)) add(v, v);
    }
  }

  // Indices of the given keys, adding values the data brings.
  std::vector<std::size_t> indices(const std::vector<std::string>& keys) {
    std::vector<std::size_t> out;
    if (keys.empty()) out.push_back(unknown_slot());
    for (const auto& k : keys) {
      const std::string nk = unit_keys_ ? k : normalize_name(k);
      auto it = index_.find(nk);
      const std::size_t i = it != index_.end() ? it->second : add(k, k);
      if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
    }
    return out;
  }

  // The axis with values ordered: known values, data-only values (sorted),
  // unknown last; `order` maps a build index to its final position.
  CrosstabAxis finish(std::vector<std::size_t>& order) {
    std::vector<std::size_t> extra;
    for (std::size_t i = known_; i < axis_.values.size(); ++i)
      if (i != unknown_) extra.push_back(i);
    std::sort(extra.begin(), extra.end(),
              [&](std::size_t a, std::size_t b) { return axis_.values[a].label < axis_.values[b].label; });
    std::vector<std::size_t> sequence;
    for (std::size_t i = 0; i < known_; ++i) sequence.push_back(i);
    sequence.insert(sequence.end(), extra.begin(), extra.end());
    if (unknown_ != kNone) sequence.push_back(unknown_);
    order.assign(axis_.values.size(), 0);
    CrosstabAxis out;
    out.attribute = axis_.attribute;
    out.division = axis_.division;
    for (std::size_t pos = 0; pos < sequence.size(); ++pos) {
      order[sequence[pos]] = pos;
      out.values.push_back(axis_.values[sequence[pos]]);
    }
    out.counts.assign(out.values.size(), 0);
    return out;
  }

  void seal_known() { known_ = axis_.values.size(); }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  std::size_t add(const std::string& value, const std::string& label) {
    const std::string key = unit_keys_ ? value : normalize_name(value);
    auto [it, inserted] = index_.emplace(key, axis_.values.size());
    if (inserted) axis_.values.push_back({value, label});
    return it->second;
  }
  std::size_t unknown_slot() {
    if (unknown_ == kNone) {
      unknown_ = axis_.values.size();
      axis_.values.push_back({kUnknownValue, kUnknownValue});
    }
    return unknown_;
  }

  CrosstabAxis axis_;
  std::unordered_map<std::string, std::size_t> index_;
  bool unit_keys_ = false;
  std::size_t known_ = 0;
  std::size_t unknown_ = kNone;
};
}  // namespace

const std::vector<std::string>& crosstab_attributes() {
  static const std::vector<std::string> names = {"region_recorded", "region", "province", "area", "thematic_field",
                                                 "award", "stage", "institution_type", "scope", "rurality",
                                                 "contest", "field_visit", "year"};
  return names;
}

Crosstab crosstab(const Registry& registry, const std::vector<std::string>& by, Division division,
                  const InitiativeFilter& filter) {
  if (by.empty() || by.size() > 2) throw std::invalid_argument("crosstab: one or two attributes");
  for (const auto& a : by)
    if (std::find(crosstab_attributes().begin(), crosstab_attributes().end(), a) == crosstab_attributes().end())
      throw std::invalid_argument("crosstab: unknown attribute " + a);

  std::vector<AxisBuilder> builders;
  for (const auto& a : by) {
    builders.emplace_back(registry, a, division);
    builders.back().seal_known();
  }
  // Per passing initiative, its value indices on each axis (build order).
  std::vector<std::vector<std::vector<std::size_t>>> hits;
  for (const StoredInitiative& s : registry.initiatives()) {
    if (!filter.matches(s.initiative)) continue;
    std::vector<std::vector<std::size_t>> per_axis;
    for (std::size_t k = 0; k < by.size(); ++k) per_axis.push_back(builders[k].indices(keys_of(s, by[k], division)));
    hits.push_back(std::move(per_axis));
  }

  Crosstab t;
  t.total = hits.size();
  std::vector<std::vector<std::size_t>> order(by.size());
  for (std::size_t k = 0; k < by.size(); ++k) t.axes.push_back(builders[k].finish(order[k]));
  if (by.size() == 2)
    t.cells.assign(t.axes[0].values.size(), std::vector<std::size_t>(t.axes[1].values.size(), 0));
  for (const auto& per_axis : hits) {
    for (std::size_t k = 0; k < by.size(); ++k) {
      for (std::size_t i : per_axis[k]) ++t.axes[k].counts[order[k][i]];
      if (per_axis[k].size() > 1) t.axes[k].multi_valued = true;
    }
    if (by.size() == 2)
      for (std::size_t i : per_axis[0])
        for (std::size_t j : per_axis[1]) ++t.cells[order[0][i]][order[1][j]];
  }
  return t;
}

}  // namespace layers
