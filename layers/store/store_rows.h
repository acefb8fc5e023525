#pragma once
// The rows of the store in one place, for both implementations: the values
// each table's columns get (in the order of the column lists below), and
// the readers that turn a row back into a record. A reader takes any row
// with geo::Statement's readers (is_null, text, integer, real, blob): a
// SQLite statement or a PostgreSQL result's row, so both stores agree on
// every empty text, NULL and list.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/geos/geometry.h"
#include "layers/store/store.h"
#include "layers/store/stored_list.h"

namespace layers {

// A WKB geometry, bound as a blob (SQLite) or bytea (PostgreSQL).
struct Wkb {
  std::vector<unsigned char> bytes;
};
using StoreValue = std::variant<std::monostate, std::int64_t, double, std::string, Wkb>;

// initiatives: these 22 columns, then the geometry, then footprint_scale,
// revision and sheet (26 values).
inline constexpr const char* kInitiativeColumns =
    "id, name, institution, institution_type, area, thematic_field, scope, rurality, contest, year, "
    "stage, award, field_visit, region_recorded, region_recorded_code, footprint_kind, footprint_division, "
    "footprint_codes, footprint_names, footprint_level, footprint_basis, attributes";
std::vector<StoreValue> initiative_values(const StoredInitiative& s, std::int64_t revision);
// initiative_units(initiative_id, division, level, code, whole, basis): one row per joined unit.
std::vector<std::vector<StoreValue>> joined_unit_values(const StoredInitiative& s);
// units(division, level, code, name, parent_code, former_code, population, area_km2, geom).
std::vector<StoreValue> unit_values(const UnitRecord& r);
// audit(generation, time, token_id, token_name, operation, feature_id, before, after).
std::vector<StoreValue> audit_values(const AuditRow& row);
// tokens(id, name, role, regions, created, expires, revoked, secret_sha256).
inline constexpr const char* kTokenColumns = "id, name, role, regions, created, expires, revoked, secret_sha256";
std::vector<StoreValue> token_values(const TokenRow& row);
// The order of joined units: 2018 first, then commune, province, region.
inline constexpr const char* kJoinedUnitOrder =
    "initiative_id, division DESC, CASE level WHEN 'commune' THEN 0 WHEN 'province' THEN 1 ELSE 2 END, code";

// A stored kind; unknown for any other text (as a record with no footprint has).
FootprintKind parse_footprint_kind(const std::string& text);

// The sheet column: {"description": ..., "remarks": {"actors": {"text":
// ..., "section": ...}, ...}} with only what the sheet has; NULL for an
// empty sheet. read_sheet skips a dimension it does not know.
std::optional<std::string> sheet_json(const PracticeSheet& sheet);
PracticeSheet read_sheet(const std::string& json);

// The columns of kInitiativeColumns, the geometry's WKB, footprint_scale, revision, sheet.
template <class Row>
StoredInitiative initiative_from_row(const Row& st) {
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
  i.footprint.kind = parse_footprint_kind(st.text(15));
  i.footprint.division = parse_division(st.text(16)).value_or(Division::d2018);
  i.footprint.codes = split_stored_list(st.text(17));
  i.footprint.names = split_stored_list(st.text(18));
  i.footprint.names_level = parse_level(st.text(19));
  i.footprint.basis_note = st.text(20);
  for (const auto& kv : nlohmann::json::parse(st.text(21)))
    i.attributes.emplace_back(kv[0].template get<std::string>(), kv[1].template get<std::string>());
  if (!st.is_null(22)) i.footprint.geometry = geo::Geometry::from_wkb(st.blob(22));
  s.footprint_scale = parse_level(st.text(23));
  s.revision = st.integer(24);
  if (!st.is_null(25)) i.sheet = read_sheet(st.text(25));
  return s;
}

// initiative_id, division, level, code, whole, basis.
template <class Row>
JoinedUnit joined_unit_from_row(const Row& us) {
  return {*parse_division(us.text(1)), *parse_level(us.text(2)), us.text(3), us.integer(4) != 0, us.text(5)};
}

// The columns of unit_values, the geometry as WKB.
template <class Row>
UnitRecord unit_from_row(const Row& st) {
  UnitRecord r;
  r.division = *parse_division(st.text(0));
  r.unit.level = *parse_level(st.text(1));
  r.unit.code = st.text(2);
  r.unit.name = st.text(3);
  r.unit.parent_code = st.text(4);
  r.former_code = st.text(5);
  r.unit.population = st.integer(6);
  r.unit.area_km2 = st.real(7);
  if (!st.is_null(8)) r.geometry = std::make_shared<const geo::Geometry>(geo::Geometry::from_wkb(st.blob(8)));
  return r;
}

// seq, generation, time, token_id, token_name, operation, feature_id[, before, after].
template <class Row>
AuditRow audit_from_row(const Row& st, bool texts) {
  AuditRow r;
  r.seq = st.integer(0);
  r.generation = st.integer(1);
  r.time = st.text(2);
  if (!st.is_null(3)) r.token_id = st.text(3);
  r.token_name = st.text(4);
  r.operation = st.text(5);
  r.feature_id = st.text(6);
  if (texts) {
    if (!st.is_null(7)) r.before = st.text(7);
    if (!st.is_null(8)) r.after = st.text(8);
  }
  return r;
}

// The columns of kTokenColumns.
template <class Row>
TokenRow token_from_row(const Row& row) {
  TokenRow t;
  t.id = row.text(0);
  t.name = row.text(1);
  t.role = row.text(2);
  t.regions = row.text(3);
  t.created = row.text(4);
  if (!row.is_null(5)) t.expires = row.text(5);
  if (!row.is_null(6)) t.revoked = row.text(6);
  t.secret_sha256 = row.text(7);
  return t;
}

}  // namespace layers
