#include "layers/edit/feature_body.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "geo/error.h"
#include "layers/access/secret.h"
#include "layers/edit/feature_geometry.h"
#include "layers/model/initiative_fields.h"
#include "layers/join/upload_geometry.h"

namespace layers::edit {

namespace {

using upload::excerpt;

[[noreturn]] void bad(const std::string& detail) { throw BadBody(Fault::invalid, detail); }

// A header's bytes in a message: printable ASCII, cut short.
std::string header_excerpt(std::string_view text) {
  constexpr std::size_t kMax = 80;
  std::string out = "'";
  for (const char c : text.substr(0, kMax)) out += c >= 0x20 && c < 0x7f ? c : '?';
  if (text.size() > kMax) out += "...";
  return out + "'";
}

std::string number_text(const Json& v) {
  if (v.is_number_integer()) return v.dump();  // signed and unsigned
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v.get<double>());
  return std::string(buf, r.ptr);  // the shortest text: 2016.0 is "2016"
}

// A property's value as the text import would keep for the field.
std::string property_text(const std::string& name, const std::string& lower, const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return number_text(v);
  if (v.is_array() && (lower == "footprint_codes" || lower == "footprint_names")) {
    std::string out;
    for (const Json& item : v) {
      if (!item.is_string()) bad("property " + excerpt(name) + " must be a string or an array of strings");
      if (!out.empty()) out += ';';
      out += item.get<std::string>();
    }
    return out;
  }
  bad("property " + excerpt(name) + " must be a string, number, boolean or null");
}

// The member of an object, null when it is absent or null.
const Json* member(const Json& object, const char* name) {
  const auto it = object.find(name);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::optional<FootprintKind> parse_kind(const std::string& text) {
  for (FootprintKind k : {FootprintKind::codes, FootprintKind::names, FootprintKind::points, FootprintKind::polygons,
                          FootprintKind::unknown})
    if (text == footprint_kind_name(k)) return k;
  return std::nullopt;
}

// The footprint from the geometry, repaired like import's; false when the
// feature has no geometry or an empty one.
bool geometry_footprint(const Json* geometry, const FeatureOptions& options, SourceRecord& rec) {
  if (!geometry) return false;
  geo::Geometry g = read_feature_geometry(*geometry, options.crs ? *options.crs : crs84(), options.max_vertices);
  if (g.is_empty()) return false;
  try {
    const std::string repaired = set_geometry_footprint(std::move(g), rec.initiative.footprint);
    if (!repaired.empty()) rec.notes.push_back(rec.label + ": invalid polygon repaired (" + repaired + ")");
  } catch (const FieldError& e) {
    bad(e.what());
  } catch (const geo::Error&) {
    bad("invalid polygon cannot be repaired");
  }
  return true;
}

void set_footprint_kind(const std::string& kind_text, const Json* geometry, const FeatureOptions& options,
                        SourceRecord& rec) {
  Footprint& f = rec.initiative.footprint;
  const auto kind = parse_kind(ascii_lower(kind_text));
  if (!kind) bad("footprint_kind " + excerpt(kind_text) + " is not codes, names, points, polygons or unknown");
  switch (*kind) {
    case FootprintKind::codes:
      if (f.codes.empty()) bad("footprint_kind codes needs footprint_codes");
      break;
    case FootprintKind::names:
      if (f.names.empty()) bad("footprint_kind names needs footprint_names");
      break;
    case FootprintKind::points:
    case FootprintKind::polygons: {
      const bool points = *kind == FootprintKind::points;
      const char* need = points ? "footprint_kind points needs a Point or MultiPoint geometry"
                                : "footprint_kind polygons needs a Polygon or MultiPolygon geometry";
      if (!geometry || !geometry->is_object()) bad(need);
      const auto type = geometry->find("type");
      const bool fits = type != geometry->end() && type->is_string() &&
                        (points ? (*type == "Point" || *type == "MultiPoint")
                                : (*type == "Polygon" || *type == "MultiPolygon"));
      if (!fits || !geometry_footprint(geometry, options, rec)) bad(need);
      return;  // geometry_footprint set the kind
    }
    case FootprintKind::unknown: break;
  }
  f.kind = *kind;
}

}  // namespace

const Crs& parse_content_crs(std::string_view header) {
  std::string_view s = header;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = s.substr(1, s.size() - 2);
  if (const Crs* crs = find_crs(s)) return *crs;
  std::string supported;
  for (const Crs& c : supported_crs()) supported += (supported.empty() ? "<" : ", <") + c.uri + ">";
  bad("Content-Crs " + header_excerpt(header) + " is not a supported CRS: " + supported);
}

bool is_output_only_property(std::string_view lower_name) {
  static constexpr std::string_view kOutputOnly[] = {"commune_codes", "province_codes", "region_codes",
                                                     "province_codes_2007", "region_codes_2007"};
  return std::find(std::begin(kOutputOnly), std::end(kOutputOnly), lower_name) != std::end(kOutputOnly);
}


std::string new_initiative_id() {
  std::string id = "i";  // not "i" + ...: GCC 12 -O3 -Wrestrict false positive (bug 105329)
  id += access::random_hex(6);
  return id;
}

SourceRecord parse_feature(const Json& feature, const FeatureOptions& options) {
  if (!feature.is_object() || feature.value("type", Json()) != "Feature")
    bad("the body must be a GeoJSON Feature (an object with \"type\": \"Feature\")");
  const Json* properties = member(feature, "properties");
  if (properties && !properties->is_object()) bad("/properties must be an object or null");

  SourceRecord rec;
  Initiative& in = rec.initiative;
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> recognised;  // lower -> name, text
  std::optional<std::string> kind_name, kind_text;
  if (properties)
    for (auto it = properties->begin(); it != properties->end(); ++it) {
      const std::string& name = it.key();
      if (name.empty()) bad("a property name must not be empty");
      const std::string lower = ascii_lower(name);
      if (it->is_null() || is_output_only_property(lower)) continue;
      if (lower == "footprint_kind") {
        if (kind_name) bad("properties " + excerpt(*kind_name) + " and " + excerpt(name) + " name the same field");
        if (!it->is_string()) bad("footprint_kind must be a string");
        kind_name = name;
        kind_text = trim_blanks(it->get_ref<const std::string&>());
        continue;
      }
      std::string text = property_text(name, lower, *it);
      if (is_recognised_field(lower)) {
        const auto [seen, fresh] = recognised.try_emplace(lower, name, text);
        if (!fresh) bad("properties " + excerpt(seen->second.first) + " and " + excerpt(name) + " name the same field");
      }
      if (!text.empty()) in.attributes.emplace_back(name, std::move(text));
    }
  const FieldLookup get = [&](std::string_view lower) {
    const auto it = recognised.find(lower);
    return it == recognised.end() ? std::string() : trim_blanks(it->second.second);
  };

  const std::string property_id = get("id");
  std::optional<std::string> feature_id;
  if (const Json* id = member(feature, "id")) {
    if (id->is_string()) feature_id = id->get<std::string>();
    else if (id->is_number_integer()) feature_id = id->dump();
    else bad("the feature id must be a string or an integer");
  }
  if (feature_id && !property_id.empty() && *feature_id != property_id)
    bad("the feature id " + excerpt(*feature_id) + " and properties.id " + excerpt(property_id) + " differ");
  in.id = property_id.empty() ? feature_id.value_or("") : property_id;
  if ((feature_id || !property_id.empty()) && !is_valid_initiative_id(in.id))
    bad("the id " + excerpt(in.id) + " is not " + kInitiativeIdRule);
  rec.label = in.id.empty() ? "feature" : "feature (id " + in.id + ")";

  try {
    read_recognised_fields(get, in);
  } catch (const FieldError& e) {
    bad(e.what());
  }

  const Json* geometry = member(feature, "geometry");
  Footprint& f = in.footprint;
  if (kind_text && !kind_text->empty()) {
    set_footprint_kind(*kind_text, geometry, options, rec);
  } else if (!geometry_footprint(geometry, options, rec)) {
    // As import: the geometry first, then codes, then names.
    if (!f.codes.empty()) f.kind = FootprintKind::codes;
    else if (!f.names.empty()) f.kind = FootprintKind::names;
  }
  return rec;
}

}  // namespace layers::edit
