#include "layers/model/initiative_list.h"

#include <algorithm>
#include <map>

namespace layers {

InitiativeList InitiativeList::of(std::vector<StoredInitiative> records) {
  std::vector<RecordPtr> ptrs;
  ptrs.reserve(records.size());
  for (StoredInitiative& s : records) ptrs.push_back(std::make_shared<const StoredInitiative>(std::move(s)));
  return InitiativeList(ChunkedVector<RecordPtr>(std::move(ptrs)));
}

namespace {

// The first position whose id is not less than id.
std::size_t lower_position(const ChunkedVector<RecordPtr>& records, std::string_view id) {
  const auto it = std::lower_bound(records.begin(), records.end(), id,
                                   [](const RecordPtr& r, std::string_view key) { return r->initiative.id < key; });
  return it.index();
}

}  // namespace

std::size_t InitiativeList::index_of(std::string_view id) const {
  const std::size_t i = lower_position(records_, id);
  return i < records_.size() && records_[i]->initiative.id == id ? i : npos;
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
  const ChunkedVector<RecordPtr>& had = before.pointers();
  std::vector<RecordPtr> put;  // the record of each edit (none for an erase)
  std::size_t inserted = 0, erased = 0;
  // Each changed id found by binary search: an edit per id, in id order.
  for (const auto& [id, change] : last) {
    const std::size_t p = lower_position(had, id);
    const bool present = p < had.size() && had[p]->initiative.id == id;
    if (!present && !change->after) continue;  // deleting an absent id
    SequenceEdit e;
    e.before = p;
    e.after = p + inserted - erased;
    if (present) out.removed.push_back(had[p]);
    if (!change->after) {
      e.kind = SequenceEdit::Kind::erase;
      ++erased;
      out.edits.push_back(e);
      put.emplace_back();
      continue;
    }
    e.kind = present ? SequenceEdit::Kind::replace : SequenceEdit::Kind::insert;
    inserted += !present;
    StoredInitiative s = copy_record(*change->after);
    s.initiative.id = change->id;
    s.revision = change->revision != 0 ? change->revision : revision;
    sort_as_stored(s.units);
    out.written.push_back(e.after);
    out.edits.push_back(e);
    put.push_back(std::make_shared<const StoredInitiative>(std::move(s)));
  }
  out.records = InitiativeList(had.edited(out.edits, [&](std::size_t k) { return std::move(put[k]); }));
  return out;
}

}  // namespace layers
