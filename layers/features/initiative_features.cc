#include "layers/features/initiative_features.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <unordered_map>

#include "geo/geos/geometry_ops.h"

namespace layers {

namespace {

using F = FieldType;

const std::vector<FieldDef>& core_fields() {
  static const std::vector<FieldDef> core = {
      {"id", F::string, "Identifier"},
      {"name", F::string, "Name"},
      {"institution", F::string, "Institution"},
      {"institution_type", F::string, "Institution type"},
      {"area", F::string, "Area"},
      {"thematic_field", F::string, "Thematic field"},
      {"scope", F::string, "Declared scope"},
      {"rurality", F::string, "Rurality"},
      {"contest", F::string, "Contest"},
      {"year", F::integer, "Contest year"},
      {"stage", F::string, "Stage reached"},
      {"award", F::string, "Award"},
      {"field_visit", F::boolean, "Field visit"},
      {"region_recorded", F::string, "Region as recorded by the source"},
      {"footprint_kind", F::string, "How the footprint is given (codes, names, points, polygons, unknown)"},
  };
  return core;
}

bool is_core(const std::string& name) {
  for (const FieldDef& f : core_fields())
    if (f.name == name) return true;
  return false;
}

struct Joined {
  std::string name;
  Division d;
  Level level;
};
const std::vector<Joined>& joined_fields() {
  static const std::vector<Joined> joined = {{"commune_codes", Division::d2018, Level::commune},
                                             {"province_codes", Division::d2018, Level::province},
                                             {"region_codes", Division::d2018, Level::region},
                                             {"province_codes_2007", Division::d2007, Level::province},
                                             {"region_codes_2007", Division::d2007, Level::region}};
  return joined;
}

// Where name first appears among the record's attributes (or size()).
std::size_t first_position(const StoredInitiative& s, const std::string& name) {
  const auto& a = s.initiative.attributes;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].first == name) return i;
  return a.size();
}

Collection shell() {
  Collection c;
  c.id = "initiatives";
  c.title = "Initiatives";
  c.description =
      "Initiatives of the Sistema de Buenas Prácticas para el Desarrollo de los Territorios: every field of the record, "
      "the codes of the units they act in (both divisions), and their geometry: their own points or polygons, or else "
      "the union of the units they act in. Without a location the geometry is null.";
  c.geometry_kind = GeometryKind::any;
  c.temporal = true;
  return c;
}

FieldValue text_or_null(const std::string& s) { return s.empty() ? FieldValue{} : FieldValue{s}; }

std::string joined_codes(const StoredInitiative& s, Division d, Level level) {
  std::vector<std::string> codes;
  for (const JoinedUnit& j : s.units)
    if (j.division == d && j.level == level) codes.push_back(j.code);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  std::string out;
  for (const auto& code : codes) {
    if (!out.empty()) out += ';';
    out += code;
  }
  return out;
}

// The footprint's area from the units it reaches (2018 division): whole
// regions and provinces as they are, the other communes one by one, to be
// dissolved. Provinces and regions are dissolved communes, so the result
// is the union of the footprint's communes.
std::vector<const geo::Geometry*> joined_unit_parts(const Catalog& cat, const StoredInitiative& s) {
  std::set<std::string> regions, provinces;
  std::vector<const geo::Geometry*> parts;
  for (Level level : {Level::region, Level::province, Level::commune}) {
    for (const JoinedUnit& j : s.units) {
      if (j.division != Division::d2018 || j.level != level) continue;
      const Unit* u = cat.find(Division::d2018, j.code);
      if (!u) continue;
      if (level != Level::region) {
        const Unit* r = cat.ancestor(Division::d2018, *u, Level::region);
        if (r && regions.count(r->code)) continue;
      }
      if (level == Level::commune) {
        const Unit* p = cat.ancestor(Division::d2018, *u, Level::province);
        if (p && provinces.count(p->code)) continue;
      }
      if (level != Level::commune && !j.whole) continue;
      (level == Level::region ? regions : provinces).insert(j.code);
      if (const geo::Geometry* g = cat.geometry(Division::d2018, j.code)) parts.push_back(g);
    }
  }
  return parts;
}

}  // namespace

// Makes features of records under one field list.
class InitiativeFeatures::Builder {
 public:
  Builder(std::shared_ptr<const Catalog> catalog, const UnitTexts& unit_texts, std::shared_ptr<const DissolvedMemo> memo,
          const std::vector<FieldDef>& fields)
      : catalog_(std::move(catalog)), unit_texts_(unit_texts), memo_(std::move(memo)), fields_(fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) position_.try_emplace(fields[i].name, i);
  }

  std::shared_ptr<const PublishedFeature> feature(const StoredInitiative& s) {
    auto f = std::make_shared<PublishedFeature>();
    const Initiative& in = s.initiative;
    f->id = in.id;
    f->year = in.year;
    f->values = values(s);
    const bool own = (in.footprint.kind == FootprintKind::points || in.footprint.kind == FootprintKind::polygons) &&
                     in.footprint.geometry && !in.footprint.geometry.is_empty();
    if (own) {
      auto g = std::make_shared<const geo::Geometry>(in.footprint.geometry.clone());
      set_geometry(*f, g, geometry_text(*g));
    } else {
      set_joined_geometry(*f, joined_unit_parts(*catalog_, s));
    }
    render(*f, fields_);
    return f;
  }

  // The feature of an unchanged record under new fields: its values moved
  // to their new places (a column new to the list is one no unchanged
  // record carries, so it is null), the geometry as it had it.
  std::shared_ptr<const PublishedFeature> refield(const PublishedFeature& had, const std::vector<std::size_t>& from) {
    auto f = std::make_shared<PublishedFeature>(had);
    f->values.assign(from.size(), FieldValue{});
    for (std::size_t k = 0; k < from.size(); ++k)
      if (from[k] < had.values.size()) f->values[k] = had.values[from[k]];
    render(*f, fields_);
    return f;
  }

  // The memo with every geometry dissolved meanwhile.
  std::shared_ptr<const DissolvedMemo> memo() { return added_ ? std::move(added_) : memo_; }

 private:
  std::vector<FieldValue> values(const StoredInitiative& s) const {
    const Initiative& in = s.initiative;
    std::vector<FieldValue> v(fields_.size());
    std::size_t k = 0;
    for (const std::string* text : {&in.id, &in.name, &in.institution, &in.institution_type, &in.area,
                                    &in.thematic_field, &in.scope, &in.rurality, &in.contest})
      v[k++] = text_or_null(*text);
    v[k++] = in.year ? FieldValue{static_cast<std::int64_t>(*in.year)} : FieldValue{};
    v[k++] = text_or_null(in.stage);
    v[k++] = text_or_null(in.award);
    v[k++] = in.field_visit ? FieldValue{*in.field_visit} : FieldValue{};
    v[k++] = text_or_null(in.region_recorded);
    v[k++] = FieldValue{std::string(footprint_kind_name(in.footprint.kind))};
    for (const auto& [name, value] : in.attributes) {
      const auto it = position_.find(name);
      if (it != position_.end() && it->second >= core_fields().size()) v[it->second] = text_or_null(value);
    }
    for (const Joined& j : joined_fields()) v[position_.at(j.name)] = text_or_null(joined_codes(s, j.d, j.level));
    return v;
  }

  // One unit: its geometry and text as the unit collection has them;
  // several: dissolved once, shared by every record on the same units.
  void set_joined_geometry(PublishedFeature& f, std::vector<const geo::Geometry*> parts) {
    if (parts.empty()) return set_geometry(f, nullptr, {});
    if (parts.size() == 1) {
      const auto text = unit_texts_.find(parts.front());
      return set_geometry(f, std::shared_ptr<const geo::Geometry>(catalog_, parts.front()),
                          text != unit_texts_.end() ? text->second : geometry_text(*parts.front()));
    }
    const DissolvedMemo& memo = added_ ? *added_ : *memo_;
    if (const auto it = memo.find(parts); it != memo.end())
      return set_geometry(f, it->second.geometry, it->second.text);
    if (!added_) {
      // Copied on the first new entry, without entries no other snapshot holds.
      added_ = std::make_shared<DissolvedMemo>();
      for (const auto& [key, d] : *memo_)
        if (d.geometry.use_count() > 1) added_->emplace(key, d);
    }
    auto g = std::make_shared<const geo::Geometry>(geo::to_multi_polygon(geo::union_all(parts)));
    const Dissolved& d = added_->emplace(std::move(parts), Dissolved{g, geometry_text(*g)}).first->second;
    set_geometry(f, d.geometry, d.text);
  }

  std::shared_ptr<const Catalog> catalog_;
  const UnitTexts& unit_texts_;
  std::shared_ptr<const DissolvedMemo> memo_;
  std::shared_ptr<DissolvedMemo> added_;
  const std::vector<FieldDef>& fields_;
  std::unordered_map<std::string, std::size_t> position_;  // first field of each name
};

namespace {

std::vector<FieldDef> fields_with(const std::vector<std::string>& attribute_names) {
  std::vector<FieldDef> fields = core_fields();
  for (const std::string& name : attribute_names) fields.push_back({name, F::string, name});
  for (const Joined& j : joined_fields())
    fields.push_back({j.name, F::string,
                      "Codes (;-separated) of the " + std::string(level_name(j.level)) + "s it acts in, " +
                          std::string(division_name(j.d)) + " division",
                      true});
  return fields;
}

// For each field of `to`, the index of the same field in `from` (same
// name, same occurrence of it), or SIZE_MAX for a field `from` lacks.
std::vector<std::size_t> field_sources(const std::vector<FieldDef>& from, const std::vector<FieldDef>& to) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < to.size(); ++k) {
    std::size_t nth = 0;
    for (std::size_t j = 0; j < k; ++j) nth += to[j].name == to[k].name;
    std::size_t found = SIZE_MAX;
    for (std::size_t j = 0; j < from.size() && found == SIZE_MAX; ++j)
      if (from[j].name == to[k].name && nth-- == 0) found = j;
    out.push_back(found);
  }
  return out;
}

std::shared_ptr<const Collection> assemble(std::vector<FieldDef> fields,
                                           std::vector<std::shared_ptr<const PublishedFeature>> features) {
  Collection c = shell();
  c.fields = std::move(fields);
  c.features = std::move(features);
  index(c);
  return std::make_shared<const Collection>(std::move(c));
}

}  // namespace

InitiativeFeatures::InitiativeFeatures(const Registry& registry, const UnitTexts& unit_texts) {
  // Every other field any record carries, in first-seen order.
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const StoredInitiative& s : registry.initiatives())
    for (const auto& [name, value] : s.initiative.attributes)
      if (!is_core(name) && seen.insert(name).second) {
        names.push_back(name);
        attributes_.push_back({name, s.initiative.id});
      }
  const std::vector<FieldDef> fields = fields_with(names);
  Builder builder(registry.shared_catalog(), unit_texts, std::make_shared<const DissolvedMemo>(), fields);
  std::vector<std::shared_ptr<const PublishedFeature>> features;
  features.reserve(registry.initiatives().size());
  for (const StoredInitiative& s : registry.initiatives()) features.push_back(builder.feature(s));
  dissolved_ = builder.memo();
  collection_ = assemble(fields, std::move(features));
}

InitiativeFeatures::InitiativeFeatures(const InitiativeFeatures& before, const Registry& registry,
                                       const ListUpdate& update, const UnitTexts& unit_texts)
    : attributes_(before.attributes_) {
  const InitiativeList& records = update.records;
  // The attribute columns: a column whose first carrier the write removed
  // looks for its new first carrier (or goes); a written record may carry
  // a column first or add one.
  std::set<std::string> lost;
  for (const RecordPtr& r : update.removed)
    for (Attribute& a : attributes_)
      if (a.first_carrier == r->initiative.id) lost.insert(a.name);
  for (std::size_t i : update.written) {
    const StoredInitiative& s = records[i];
    for (const auto& attribute : s.initiative.attributes) {
      // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
      const std::string& name = attribute.first;
      if (is_core(name)) continue;
      const auto a = std::find_if(attributes_.begin(), attributes_.end(), [&](const Attribute& x) { return x.name == name; });
      if (a == attributes_.end())
        attributes_.push_back({name, s.initiative.id});
      else if (s.initiative.id < a->first_carrier)
        a->first_carrier = s.initiative.id;
    }
  }
  for (const std::string& name : lost) {
    const auto a = std::find_if(attributes_.begin(), attributes_.end(), [&](const Attribute& x) { return x.name == name; });
    const auto carrier = std::find_if(records.begin(), records.end(), [&](const StoredInitiative& s) {
      return first_position(s, name) < s.initiative.attributes.size();
    });
    if (carrier == records.end())
      attributes_.erase(a);
    else
      a->first_carrier = carrier->initiative.id;
  }
  // First-seen order: by first carrier, then by place in that record.
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, Attribute>> keyed;
  for (Attribute& a : attributes_) {
    const std::size_t i = records.index_of(a.first_carrier);
    keyed.push_back({{i, first_position(records[i], a.name)}, std::move(a)});
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  attributes_.clear();
  std::vector<std::string> names;
  for (auto& [key, a] : keyed) {
    names.push_back(a.name);
    attributes_.push_back(std::move(a));
  }
  bool same_fields = names.size() == before.attributes_.size();
  for (std::size_t i = 0; same_fields && i < names.size(); ++i) same_fields = names[i] == before.attributes_[i].name;

  const Collection& had = *before.collection_;
  const std::vector<FieldDef> fields = same_fields ? had.fields : fields_with(names);
  Builder builder(registry.shared_catalog(), unit_texts, before.dissolved_, fields);
  // The written records' features go in by the update's edits; every
  // other feature is shared, chunks and all (or, under new fields, made
  // again from the one it had).
  const FeatureList features = had.features.edited(
      update.edits, [&](std::size_t k) { return builder.feature(records[update.edits[k].after]); });
  dissolved_ = builder.memo();
  if (!same_fields) {
    const std::vector<std::size_t> old_field = field_sources(had.fields, fields);
    std::vector<std::shared_ptr<const PublishedFeature>> all;
    all.reserve(features.size());
    auto written = update.written.begin();
    for (auto it = features.begin(); it != features.end(); ++it) {
      if (written != update.written.end() && *written == it.index()) {
        all.push_back(*it);
        ++written;
      } else {
        all.push_back(builder.refield(**it, old_field));
      }
    }
    collection_ = assemble(fields, std::move(all));  // every feature is new
    return;
  }
  Collection c = shell();
  c.fields = fields;
  c.features = features;
  reindex(c, had, update.edits, update.written);
  collection_ = std::make_shared<const Collection>(std::move(c));
}

}  // namespace layers
