#include "layers/model/initiative_list.h"

#include <algorithm>
#include <map>

namespace layers {

InitiativeList InitiativeList::of(std::vector<StoredInitiative> records) {
  std::vector<RecordPtr> ptrs;
  ptrs.reserve(records.size());
  for (StoredInitiative& s : records) ptrs.push_back(std::make_shared<const StoredInitiative>(std::move(s)));
  return InitiativeList(std::move(ptrs));
}

std::size_t InitiativeList::index_of(std::string_view id) const {
  const std::vector<RecordPtr>& records = *records_;
  const auto it = std::lower_bound(records.begin(), records.end(), id,
                                   [](const RecordPtr& r, std::string_view key) { return r->initiative.id < key; });
  return it != records.end() && (*it)->initiative.id == id ? static_cast<std::size_t>(it - records.begin()) : npos;
}

namespace {

// The order of Store::load_initiatives: division 2018 first, then commune,
// province, region, then code.
void sort_as_stored(std::vector<JoinedUnit>& units) {
  std::stable_sort(units.begin(), units.end(), [](const JoinedUnit& a, const JoinedUnit& b) {
    if (a.division != b.division) return a.division < b.division;
    if (a.level != b.level) return a.level > b.level;
    return a.code < b.code;
  });
}

}  // namespace

StoredInitiative copy_record(const StoredInitiative& from) {
  StoredInitiative s;
  const Initiative& a = from.initiative;
  Initiative& b = s.initiative;
  b.id = a.id;
  b.name = a.name;
  b.institution = a.institution;
  b.institution_type = a.institution_type;
  b.area = a.area;
  b.thematic_field = a.thematic_field;
  b.scope = a.scope;
  b.rurality = a.rurality;
  b.contest = a.contest;
  b.year = a.year;
  b.stage = a.stage;
  b.award = a.award;
  b.field_visit = a.field_visit;
  b.region_recorded = a.region_recorded;
  b.sheet = a.sheet;
  b.attributes = a.attributes;
  b.footprint.kind = a.footprint.kind;
  b.footprint.division = a.footprint.division;
  b.footprint.codes = a.footprint.codes;
  b.footprint.names = a.footprint.names;
  b.footprint.names_level = a.footprint.names_level;
  if (a.footprint.geometry) b.footprint.geometry = a.footprint.geometry.clone();
  b.footprint.basis_note = a.footprint.basis_note;
  s.region_recorded_code = from.region_recorded_code;
  s.units = from.units;
  s.footprint_scale = from.footprint_scale;
  s.revision = from.revision;
  return s;
}

ListUpdate apply_changes(const InitiativeList& before, const std::vector<InitiativeChange>& changes,
                         std::int64_t revision) {
  // The last change of each id, by id.
  std::map<std::string_view, const InitiativeChange*> last;
  for (const InitiativeChange& c : changes) last[c.id] = &c;

  ListUpdate out;
  std::vector<RecordPtr> records;
  records.reserve(before.size() + last.size());
  out.from.reserve(before.size() + last.size());
  auto write = [&](const InitiativeChange& c) {
    if (!c.after) return;
    StoredInitiative s = copy_record(*c.after);
    s.initiative.id = c.id;
    s.revision = c.revision != 0 ? c.revision : revision;
    sort_as_stored(s.units);
    out.written.push_back(records.size());
    out.from.push_back(ListUpdate::kWritten);
    records.push_back(std::make_shared<const StoredInitiative>(std::move(s)));
  };
  // One merge of two id-ordered sequences: the records and the changed ids.
  auto change = last.begin();
  for (std::size_t i = 0; i < before.size(); ++i) {
    const std::string& id = before[i].initiative.id;
    for (; change != last.end() && change->first < id; ++change) write(*change->second);
    if (change != last.end() && change->first == id) {
      out.removed.push_back(before.ptr(i));
      write(*change->second);
      ++change;
      continue;
    }
    out.from.push_back(i);
    records.push_back(before.ptr(i));
  }
  for (; change != last.end(); ++change) write(*change->second);
  out.records = InitiativeList(std::move(records));
  return out;
}

}  // namespace layers
