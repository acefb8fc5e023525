#include "layers/store/store_rows.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "layers/store/stored_list.h"

namespace layers {

void advance_generation(geo::Database& db) {
  db.prepare_cached("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'").run();
}

std::vector<StoredInitiative> read_initiatives(geo::Database& db, const std::optional<std::string>& only) {
  const std::string where = only ? " WHERE id = ?" : "";
  auto st = db.prepare_cached(
      "SELECT id, name, institution, institution_type, area, thematic_field, scope, rurality, contest, year, "
      "stage, award, field_visit, region_recorded, region_recorded_code, footprint_kind, footprint_division, "
      "footprint_codes, footprint_names, footprint_level, footprint_basis, attributes, AsBinary(geom), "
      "footprint_scale, revision FROM initiatives" + where + " ORDER BY id");
  if (only) st.bind(1, *only);
  std::vector<StoredInitiative> out;
  std::unordered_map<std::string, std::size_t> index;
  while (st.step()) {
    StoredInitiative s;
    Initiative& i = s.initiative;
    i.id = st.text(0);
    i.name = st.text(1);
    i.institution = st.text(2);
    i.institution_type = st.text(3);
    i.area = st.text(4);
    i.thematic_field = st.text(5);
    i.scope = st.text(6);
    i.rurality = st.text(7);
    i.contest = st.text(8);
    if (!st.is_null(9)) i.year = static_cast<int>(st.integer(9));
    i.stage = st.text(10);
    i.award = st.text(11);
    if (!st.is_null(12)) i.field_visit = st.integer(12) != 0;
    i.region_recorded = st.text(13);
    s.region_recorded_code = st.text(14);
    const std::string kind = st.text(15);
    for (FootprintKind k : {FootprintKind::codes, FootprintKind::names, FootprintKind::points, FootprintKind::polygons})
      if (kind == footprint_kind_name(k)) i.footprint.kind = k;
    i.footprint.division = parse_division(st.text(16)).value_or(Division::d2018);
    i.footprint.codes = split_stored_list(st.text(17));
    i.footprint.names = split_stored_list(st.text(18));
    i.footprint.names_level = parse_level(st.text(19));
    i.footprint.basis_note = st.text(20);
    for (const auto& kv : nlohmann::json::parse(st.text(21))) i.attributes.emplace_back(kv[0].get<std::string>(), kv[1].get<std::string>());
    if (!st.is_null(22)) i.footprint.geometry = geo::Geometry::from_wkb(st.blob(22));
    s.footprint_scale = parse_level(st.text(23));
    s.revision = st.integer(24);
    index[i.id] = out.size();
    out.push_back(std::move(s));
  }
  auto us = db.prepare_cached(
      "SELECT initiative_id, division, level, code, whole, basis FROM initiative_units" +
      std::string(only ? " WHERE initiative_id = ?" : "") +
      " ORDER BY initiative_id, division DESC, CASE level WHEN 'commune' THEN 0 WHEN 'province' THEN 1 ELSE 2 END, code");
  if (only) us.bind(1, *only);
  while (us.step()) {
    auto it = index.find(us.text(0));
    if (it == index.end()) continue;
    out[it->second].units.push_back(
        {*parse_division(us.text(1)), *parse_level(us.text(2)), us.text(3), us.integer(4) != 0, us.text(5)});
  }
  return out;
}

InitiativeWriter::InitiativeWriter(geo::Database& db)
    : db_(db),
      initiative_(db.prepare_cached(
          "INSERT INTO initiatives(id, name, institution, institution_type, area, thematic_field, scope, rurality, "
          "contest, year, stage, award, field_visit, region_recorded, region_recorded_code, footprint_kind, "
          "footprint_division, footprint_codes, footprint_names, footprint_level, footprint_basis, attributes, geom, "
          "footprint_scale, revision) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,GeomFromWKB(?, 4326),?,?)")),
      unit_(db.prepare_cached(
          "INSERT INTO initiative_units(initiative_id, division, level, code, whole, basis) VALUES(?,?,?,?,?,?)")),
      delete_(db.prepare_cached("DELETE FROM initiatives WHERE id = ?")) {}

void InitiativeWriter::insert(const StoredInitiative& s, std::int64_t revision) {
  const Initiative& i = s.initiative;
  nlohmann::json attrs = nlohmann::json::array();
  for (const auto& [k, v] : i.attributes) attrs.push_back({k, v});
  initiative_.bind(1, i.id).bind(2, i.name).bind(3, i.institution).bind(4, i.institution_type).bind(5, i.area);
  initiative_.bind(6, i.thematic_field).bind(7, i.scope).bind(8, i.rurality).bind(9, i.contest);
  if (i.year) initiative_.bind(10, static_cast<std::int64_t>(*i.year)); else initiative_.bind_null(10);
  initiative_.bind(11, i.stage).bind(12, i.award);
  if (i.field_visit) initiative_.bind(13, static_cast<std::int64_t>(*i.field_visit)); else initiative_.bind_null(13);
  initiative_.bind(14, i.region_recorded).bind(15, s.region_recorded_code);
  initiative_.bind(16, footprint_kind_name(i.footprint.kind)).bind(17, division_name(i.footprint.division));
  initiative_.bind(18, join_stored_list(i.footprint.codes)).bind(19, join_stored_list(i.footprint.names));
  if (i.footprint.names_level) initiative_.bind(20, level_name(*i.footprint.names_level)); else initiative_.bind_null(20);
  initiative_.bind(21, i.footprint.basis_note).bind(22, attrs.dump());
  if (i.footprint.geometry) initiative_.bind_blob(23, i.footprint.geometry.to_wkb()); else initiative_.bind_null(23);
  if (s.footprint_scale) initiative_.bind(24, level_name(*s.footprint_scale)); else initiative_.bind_null(24);
  initiative_.bind(25, revision);
  initiative_.run();
  for (const JoinedUnit& u : s.units) {
    unit_.bind(1, i.id).bind(2, division_name(u.division)).bind(3, level_name(u.level)).bind(4, u.code);
    unit_.bind(5, static_cast<std::int64_t>(u.whole)).bind(6, u.basis);
    unit_.run();
  }
}

bool InitiativeWriter::remove(const std::string& id) {
  // initiative_units goes with it: ON DELETE CASCADE (foreign_keys is on).
  delete_.bind(1, id);
  delete_.run();
  return sqlite3_changes(db_.get()) > 0;
}

}  // namespace layers
