#include "layers/model/initiative_fields.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "geo/geos/geometry_ops.h"

namespace layers {

namespace {

std::optional<bool> parse_bool(const std::string& v) {
  const std::string s = ascii_lower(v);
  if (s.empty()) return std::nullopt;
  if (s == "true" || s == "1" || s == "yes" || s == "si" || s == "sí" || s == "t") return true;
  if (s == "false" || s == "0" || s == "no" || s == "f") return false;
  throw FieldError("field_visit '" + v + "' is not true or false");
}

std::optional<int> parse_year(const std::string& s) {
  if (s.empty()) return std::nullopt;
  int y = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), y);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || y < 1900 || y > 2100)
    throw FieldError("year '" + s + "' is not a year between 1900 and 2100");
  return y;
}

}  // namespace

bool is_valid_initiative_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

bool is_recognised_field(std::string_view lower_name) {
  return std::find(std::begin(kRecognisedFields), std::end(kRecognisedFields), lower_name) !=
         std::end(kRecognisedFields);
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return out;
}

std::string trim_blanks(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find_first_of(";|", start);
    if (end == std::string_view::npos) end = s.size();
    std::string item = trim_blanks(s.substr(start, end - start));
    if (!item.empty()) out.push_back(std::move(item));
    start = end + 1;
  }
  return out;
}

void read_sheet_fields(const FieldLookup& get, PracticeSheet& sheet) {
  sheet.description = get("description");
  for (Dimension d : kAllDimensions) {
    Remark& r = sheet.remark(d);
    r.text = get(remark_field(d));
    r.section = get(section_field(d));
  }
  if (std::string problem = sheet_problem(sheet); !problem.empty()) throw FieldError(problem);
}

void read_recognised_fields(const FieldLookup& get, Initiative& in) {
  in.name = get("name");
  if (in.name.empty()) throw FieldError("missing name");
  in.institution = get("institution");
  in.institution_type = get("institution_type");
  in.area = get("area");
  in.thematic_field = get("thematic_field");
  in.scope = get("scope");
  in.rurality = get("rurality");
  in.contest = get("contest");
  in.year = parse_year(get("year"));
  in.stage = get("stage");
  in.award = get("award");
  in.field_visit = parse_bool(get("field_visit"));
  in.region_recorded = get("region_recorded");
  read_sheet_fields(get, in.sheet);

  Footprint& f = in.footprint;
  const std::string division = get("footprint_division");
  if (!division.empty()) {
    const auto d = parse_division(division);
    if (!d) throw FieldError("footprint_division '" + division + "' is not 2018 or 2007");
    f.division = *d;
  }
  const std::string level = get("footprint_level");
  if (!level.empty()) {
    f.names_level = parse_level(ascii_lower(level));
    if (!f.names_level) throw FieldError("footprint_level '" + level + "' is not region, province or commune");
  }
  f.basis_note = get("footprint_basis");
  f.codes = split_list(get("footprint_codes"));
  f.names = split_list(get("footprint_names"));
}

std::string set_geometry_footprint(geo::Geometry g, Footprint& f) {
  if (g.is_puntal()) {
    f.kind = FootprintKind::points;
    f.geometry = std::move(g);
    return "";
  }
  if (!g.is_polygonal()) throw FieldError("geometry must be a point or a polygon");
  std::string repaired;
  if (!g.is_valid()) {
    repaired = g.invalid_reason();
    geo::Geometry fixed = geo::make_valid_polygonal(g);
    if (fixed.is_empty() || fixed.area() <= 0)
      throw FieldError("invalid polygon cannot be repaired (" + repaired + ")");
    g = std::move(fixed);
  } else {
    g = geo::to_multi_polygon(g);
  }
  if (g.area() <= 0) throw FieldError("polygon has no area");
  f.kind = FootprintKind::polygons;
  f.geometry = std::move(g);
  return repaired;
}

}  // namespace layers
