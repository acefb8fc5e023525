#include "layers/store/store_rows.h"

namespace layers {

namespace {
StoreValue text_or_null(const std::optional<std::string>& v) {
  if (v) return *v;
  return std::monostate{};
}
}  // namespace

FootprintKind parse_footprint_kind(const std::string& text) {
  for (FootprintKind k : {FootprintKind::codes, FootprintKind::names, FootprintKind::points, FootprintKind::polygons})
    if (text == footprint_kind_name(k)) return k;
  return FootprintKind::unknown;
}

std::optional<std::string> sheet_json(const PracticeSheet& sheet) {
  if (sheet.empty()) return std::nullopt;
  nlohmann::json j = nlohmann::json::object();
  if (!sheet.description.empty()) j["description"] = sheet.description;
  nlohmann::json remarks = nlohmann::json::object();
  for (Dimension d : kAllDimensions) {
    const Remark& r = sheet.remark(d);
    if (!r.text.empty() || !r.section.empty())
      remarks[std::string(dimension_name(d))] = {{"text", r.text}, {"section", r.section}};
  }
  if (!remarks.empty()) j["remarks"] = std::move(remarks);
  return j.dump();
}

PracticeSheet read_sheet(const std::string& json) {
  PracticeSheet sheet;
  const nlohmann::json j = nlohmann::json::parse(json);
  sheet.description = j.value("description", "");
  if (const auto remarks = j.find("remarks"); remarks != j.end())
    for (const auto& [name, r] : remarks->items())
      if (const auto d = parse_dimension(name)) sheet.remark(*d) = {r.value("text", ""), r.value("section", "")};
  return sheet;
}

std::vector<StoreValue> initiative_values(const StoredInitiative& s, std::int64_t revision) {
  const Initiative& i = s.initiative;
  nlohmann::json attrs = nlohmann::json::array();
  for (const auto& [k, v] : i.attributes) attrs.push_back({k, v});
  std::vector<StoreValue> v;
  v.reserve(26);
  v.emplace_back(i.id);
  v.emplace_back(i.name);
  v.emplace_back(i.institution);
  v.emplace_back(i.institution_type);
  v.emplace_back(i.area);
  v.emplace_back(i.thematic_field);
  v.emplace_back(i.scope);
  v.emplace_back(i.rurality);
  v.emplace_back(i.contest);
  if (i.year) v.emplace_back(static_cast<std::int64_t>(*i.year)); else v.emplace_back(std::monostate{});
  v.emplace_back(i.stage);
  v.emplace_back(i.award);
  if (i.field_visit) v.emplace_back(static_cast<std::int64_t>(*i.field_visit)); else v.emplace_back(std::monostate{});
  v.emplace_back(i.region_recorded);
  v.emplace_back(s.region_recorded_code);
  v.emplace_back(std::string(footprint_kind_name(i.footprint.kind)));
  v.emplace_back(std::string(division_name(i.footprint.division)));
  v.emplace_back(join_stored_list(i.footprint.codes));
  v.emplace_back(join_stored_list(i.footprint.names));
  if (i.footprint.names_level) v.emplace_back(std::string(level_name(*i.footprint.names_level)));
  else v.emplace_back(std::monostate{});
  v.emplace_back(i.footprint.basis_note);
  v.emplace_back(attrs.dump());
  if (i.footprint.geometry) v.emplace_back(Wkb{i.footprint.geometry.to_wkb()});
  else v.emplace_back(std::monostate{});
  if (s.footprint_scale) v.emplace_back(std::string(level_name(*s.footprint_scale))); else v.emplace_back(std::monostate{});
  v.emplace_back(revision);
  v.emplace_back(text_or_null(sheet_json(i.sheet)));
  return v;
}

std::vector<std::vector<StoreValue>> joined_unit_values(const StoredInitiative& s) {
  std::vector<std::vector<StoreValue>> rows;
  rows.reserve(s.units.size());
  for (const JoinedUnit& u : s.units)
    rows.push_back({s.initiative.id, std::string(division_name(u.division)), std::string(level_name(u.level)), u.code,
                    static_cast<std::int64_t>(u.whole), u.basis});
  return rows;
}

std::vector<StoreValue> unit_values(const UnitRecord& r) {
  std::vector<StoreValue> v{std::string(division_name(r.division)), std::string(level_name(r.unit.level)),
                            r.unit.code, r.unit.name, r.unit.parent_code, r.former_code,
                            static_cast<std::int64_t>(r.unit.population), r.unit.area_km2};
  if (r.geometry) v.emplace_back(Wkb{r.geometry->to_wkb()}); else v.emplace_back(std::monostate{});
  return v;
}

std::vector<StoreValue> audit_values(const AuditRow& row) {
  return {row.generation, row.time, text_or_null(row.token_id), row.token_name, row.operation, row.feature_id,
          text_or_null(row.before), text_or_null(row.after)};
}

std::vector<StoreValue> token_values(const TokenRow& row) {
  return {row.id, row.name, row.role, row.regions, row.created, text_or_null(row.expires), text_or_null(row.revoked),
          row.secret_sha256};
}

}  // namespace layers
