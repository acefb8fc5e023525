#include "server/encode/initiative_json.h"

#include "server/encode/practice_sheet.h"

namespace server::encode {

namespace {
using nlohmann::json;

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string level_text(layers::Level l) { return std::string(layers::level_name(l)); }
std::string division_text(layers::Division d) { return std::string(layers::division_name(d)); }

json footprint_json(const layers::StoredInitiative& s) {
  const layers::Footprint& f = s.initiative.footprint;
  json j = {{"kind", std::string(layers::footprint_kind_name(f.kind))}};
  if (f.kind == layers::FootprintKind::codes || f.kind == layers::FootprintKind::names)
    j["division"] = division_text(f.division);
  if (!f.codes.empty()) j["codes"] = f.codes;
  if (!f.names.empty()) j["names"] = f.names;
  if (f.names_level) j["names_level"] = level_text(*f.names_level);
  j["basis"] = text_or_null(f.basis_note);
  j["scale"] = s.footprint_scale ? json(level_text(*s.footprint_scale)) : json(nullptr);
  return j;
}
}  // namespace

json initiative_summary(const layers::StoredInitiative& s) {
  const layers::Initiative& i = s.initiative;
  return {{"id", i.id},
          {"name", i.name},
          {"description", text_or_null(i.sheet.description)},
          {"institution", text_or_null(i.institution)},
          {"area", text_or_null(i.area)},
          {"thematic_field", text_or_null(i.thematic_field)},
          {"stage", text_or_null(i.stage)},
          {"award", text_or_null(i.award)},
          {"field_visit", i.field_visit ? json(*i.field_visit) : json(nullptr)},
          {"year", i.year ? json(*i.year) : json(nullptr)},
          {"region_recorded", text_or_null(i.region_recorded)},
          {"footprint_scale", s.footprint_scale ? json(level_text(*s.footprint_scale)) : json(nullptr)}};
}

json initiative_detail(const layers::Catalog& catalog, const layers::StoredInitiative& s) {
  const layers::Initiative& i = s.initiative;
  json j = initiative_summary(s);
  j["institution_type"] = text_or_null(i.institution_type);
  j["scope"] = text_or_null(i.scope);
  j["rurality"] = text_or_null(i.rurality);
  j["contest"] = text_or_null(i.contest);
  j["region_recorded_code_2007"] = text_or_null(s.region_recorded_code);
  json attributes = json::object();
  for (const auto& [name, value] : i.attributes) attributes[name] = value;
  j["attributes"] = attributes;
  j["footprint"] = footprint_json(s);
  j["sheet"] = practice_sheet_json(i.sheet);
  json units = json::object();
  for (layers::Division d : layers::kAllDivisions) {
    json by_level = json::object();
    for (layers::Level l : {layers::Level::region, layers::Level::province, layers::Level::commune}) {
      json list = json::array();
      for (const layers::JoinedUnit& ju : s.units) {
        if (ju.division != d || ju.level != l) continue;
        const layers::Unit* u = catalog.find(d, ju.code);
        list.push_back({{"code", ju.code},
                        {"name", u ? json(u->name) : json(nullptr)},
                        {"whole", ju.whole},
                        {"basis", ju.basis}});
      }
      by_level[level_text(l)] = list;
    }
    units[division_text(d)] = by_level;
  }
  j["units"] = units;
  return j;
}

}  // namespace server::encode
