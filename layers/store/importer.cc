#include "layers/store/importer.h"

namespace layers {

Gazetteer make_gazetteer(const Catalog& catalog) {
  std::vector<GazetteerEntry> entries;
  for (Division d : kAllDivisions)
    for (Level l : {Level::region, Level::province, Level::commune})
      for (const Unit* u : catalog.units(d, l)) entries.push_back({l, u->code, u->name, d});
  return Gazetteer(std::move(entries));
}

std::vector<StoredInitiative> join_records(const Joiner& joiner, const Gazetteer& gazetteer,
                                           std::vector<SourceRecord> records, std::vector<std::string>& notes,
                                           const Progress& progress) {
  std::vector<StoredInitiative> out;
  out.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    SourceRecord& r = records[i];
    StoredInitiative s;
    JoinResult j = joiner.join(r.initiative.footprint, r.label);
    s.units = std::move(j.units);
    s.footprint_scale = j.scale;
    for (auto& n : r.notes) notes.push_back(std::move(n));
    for (auto& n : j.notes) notes.push_back(r.label + ": " + n);
    // The recorded region names the seed's era: resolve it in 2007, then 2018.
    if (!r.initiative.region_recorded.empty()) {
      for (Division d : {Division::d2007, Division::d2018}) {
        const auto res = gazetteer.resolve(r.initiative.region_recorded, Level::region, d);
        if (res.status == Gazetteer::Resolution::found) {
          s.region_recorded_code = res.entry->code;
          break;
        }
      }
    }
    s.initiative = std::move(r.initiative);
    out.push_back(std::move(s));
    if (progress) progress(i + 1, records.size(), "joining initiatives");
  }
  return out;
}

}  // namespace layers
