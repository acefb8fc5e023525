// record_feature_json (layers/edit/feature_body.h): written as text, no
// document tree; strings escaped as nlohmann dumps them.
#include <set>

#include "geo/geos/geojson_geometry.h"
#include "geo/json_text.h"
#include "layers/edit/feature_body.h"
#include "layers/model/initiative_fields.h"

namespace layers::edit {

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ';';
    out += item;
  }
  return out;
}

// The JSON value of a recognised field as the record holds it; "" when
// the record has none. in_attributes: the source named the field, so the
// default division is written too.
std::string recognised_value(const Initiative& in, std::string_view field, bool in_attributes) {
  std::string out;
  auto text = [&out](const std::string& s) {
    if (!s.empty()) geo::append_json_string(out, s);
    return out;
  };
  const Footprint& f = in.footprint;
  if (field == "id") return text(in.id);
  if (field == "name") return text(in.name);
  if (field == "institution") return text(in.institution);
  if (field == "institution_type") return text(in.institution_type);
  if (field == "area") return text(in.area);
  if (field == "thematic_field") return text(in.thematic_field);
  if (field == "scope") return text(in.scope);
  if (field == "rurality") return text(in.rurality);
  if (field == "contest") return text(in.contest);
  if (field == "year") return in.year ? std::to_string(*in.year) : "";
  if (field == "stage") return text(in.stage);
  if (field == "award") return text(in.award);
  if (field == "field_visit") return in.field_visit ? (*in.field_visit ? "true" : "false") : "";
  if (field == "region_recorded") return text(in.region_recorded);
  if (field == "footprint_division")
    return in_attributes || f.division != Division::d2018 ? text(std::string(division_name(f.division))) : "";
  if (field == "footprint_codes") return text(joined(f.codes));
  if (field == "footprint_names") return text(joined(f.names));
  if (field == "footprint_level") return f.names_level ? text(std::string(level_name(*f.names_level))) : "";
  if (field == "footprint_basis") return text(f.basis_note);
  if (field == "description") return text(in.sheet.description);
  for (Dimension d : kAllDimensions) {
    if (field == remark_field(d)) return text(in.sheet.remark(d).text);
    if (field == section_field(d)) return text(in.sheet.remark(d).section);
  }
  return "";
}

class PropertiesWriter {
 public:
  explicit PropertiesWriter(std::string& out) : out_(out) {}
  // Writes name: value unless the value is empty or the name is taken.
  void member(const std::string& name, const std::string& value) {
    if (value.empty() || !written_.insert(name).second) return;
    if (written_.size() > 1) out_ += ',';
    geo::append_json_string(out_, name);
    out_ += ':';
    out_ += value;
  }

 private:
  std::string& out_;
  std::set<std::string> written_;
};

}  // namespace

std::string record_feature_json(const Initiative& in, std::optional<std::int64_t> revision) {
  std::string out = "{\"type\":\"Feature\"";
  if (!in.id.empty()) {  // not yet assigned: no id rather than an invalid one
    out += ",\"id\":";
    geo::append_json_string(out, in.id);
  }
  if (revision) out += ",\"revision\":" + std::to_string(*revision);
  out += ",\"geometry\":";
  const Footprint& f = in.footprint;
  const bool own = (f.kind == FootprintKind::points || f.kind == FootprintKind::polygons) && f.geometry &&
                   !f.geometry.is_empty();
  geo::CoordinateFormat exact;
  exact.precision = -1;  // what is stored, to the last bit
  if (own) geo::append_geojson_geometry(out, f.geometry, exact);
  else out += "null";

  out += ",\"properties\":{";
  PropertiesWriter properties(out);
  std::set<std::string> named;  // recognised fields the attributes name
  for (const auto& [name, text] : in.attributes) {
    const std::string lower = ascii_lower(name);
    if (is_output_only_property(lower) || lower == "footprint_kind") continue;
    if (!is_recognised_field(lower)) {
      std::string value;
      geo::append_json_string(value, text);
      properties.member(name, value);
    } else if (named.insert(lower).second) {
      properties.member(name, recognised_value(in, lower, true));
    }
  }
  for (std::string_view field : kRecognisedFields) {
    const std::string lower(field);
    if (field != "id" && !named.count(lower)) properties.member(lower, recognised_value(in, field, false));
  }
  std::string kind;
  geo::append_json_string(kind, footprint_kind_name(f.kind));
  properties.member("footprint_kind", kind);
  out += "}}";
  return out;
}

}  // namespace layers::edit
