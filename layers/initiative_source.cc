#include "layers/initiative_source.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <set>

#include "geo/error.h"
#include "geo/gdal_dataset.h"
#include "geo/geometry_ops.h"
#include "geo/utf8.h"
#include "layers/csv_table.h"
#include "layers/errors.h"

namespace layers {

namespace {
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find_first_of(";|", start);
    if (end == std::string::npos) end = s.size();
    const std::string item = trim(s.substr(start, end - start));
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

bool is_csv(const std::string& path) {
  std::string ext = lower(std::filesystem::path(path).extension().string());
  return ext == ".csv" || ext == ".tsv" || ext == ".txt";
}

std::optional<bool> parse_bool(const std::string& label, const std::string& v) {
  const std::string s = lower(trim(v));
  if (s.empty()) return std::nullopt;
  if (s == "true" || s == "1" || s == "yes" || s == "si" || s == "sí" || s == "t") return true;
  if (s == "false" || s == "0" || s == "no" || s == "f") return false;
  throw ImportError(label, "field_visit '" + v + "' is not true or false");
}

std::optional<int> parse_year(const std::string& label, const std::string& v) {
  const std::string s = trim(v);
  if (s.empty()) return std::nullopt;
  int y = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), y);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || y < 1900 || y > 2100)
    throw ImportError(label, "year '" + v + "' is not a year between 1900 and 2100");
  return y;
}

// Text that is not UTF-8 would be stored as is and break every JSON answer
// that shows it: refused with the field and the byte.
[[noreturn]] void utf8_error(const std::string& label, const std::string& what, const std::string& text) {
  const std::size_t bad = geo::invalid_utf8_offset(text);
  static const char kHex[] = "0123456789ABCDEF";
  const auto byte = static_cast<unsigned char>(text[bad]);
  std::string reason = what + " is not valid UTF-8 text (byte 0x";
  reason += kHex[byte >> 4];
  reason += kHex[byte & 15];
  reason += " at byte " + std::to_string(bad + 1) + ")";
  throw ImportError(label, reason);
}

// The feature geometry as a footprint: points stay points, polygons are
// repaired if invalid (noting why), anything else is rejected.
void set_geometry_footprint(const std::string& label, geo::Geometry g, SourceRecord& rec) {
  Footprint& f = rec.initiative.footprint;
  if (g.is_puntal()) {
    f.kind = FootprintKind::points;
    f.geometry = std::move(g);
    return;
  }
  if (!g.is_polygonal()) throw ImportError(label, "geometry must be a point or a polygon");
  if (!g.is_valid()) {
    const std::string reason = g.invalid_reason();
    geo::Geometry fixed = geo::make_valid_polygonal(g);
    if (fixed.is_empty() || fixed.area() <= 0)
      throw ImportError(label, "invalid polygon cannot be repaired (" + reason + ")");
    rec.notes.push_back(label + ": invalid polygon repaired (" + reason + ")");
    g = std::move(fixed);
  } else {
    g = geo::to_multi_polygon(g);
  }
  if (g.area() <= 0) throw ImportError(label, "polygon has no area");
  f.kind = FootprintKind::polygons;
  f.geometry = std::move(g);
}
}  // namespace

std::vector<SourceRecord> read_initiatives(const std::string& path) {
  std::vector<std::string> options;
  if (is_csv(path)) {
    // GDAL's CSV driver pads or drops fields of a ragged row silently: check
    // the structure first so a malformed row is reported by its line.
    try {
      read_csv(path);
    } catch (const DataError& e) {
      throw ImportError(std::filesystem::path(path).filename().string(), e.what());
    }
  }
  if (is_csv(path))
    options = {"X_POSSIBLE_NAMES=lon,longitude,lng,long,x", "Y_POSSIBLE_NAMES=lat,latitude,y",
               "GEOM_POSSIBLE_NAMES=wkt,geometry,geom", "KEEP_GEOM_COLUMNS=YES", "AUTODETECT_TYPE=NO",
               "EMPTY_STRING_AS_NULL=YES"};
  geo::Dataset ds = geo::Dataset::open_vector(path, options);
  if (ds.layer_count() < 1) throw ImportError(path, "the source has no layer");
  geo::Layer layer = ds.layer(0);
  const std::vector<std::string> fields = layer.field_names();
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (!geo::is_valid_utf8(fields[i]))
      utf8_error(is_csv(path) ? "line 1" : std::filesystem::path(path).filename().string(),
                 "the name of field " + std::to_string(i + 1), fields[i]);
  std::vector<std::string> lower_fields;
  for (const auto& f : fields) lower_fields.push_back(lower(f));
  auto idx = [&](const char* name) {
    auto it = std::find(lower_fields.begin(), lower_fields.end(), name);
    return it == lower_fields.end() ? -1 : static_cast<int>(it - lower_fields.begin());
  };
  const bool csv = is_csv(path);

  std::vector<SourceRecord> out;
  std::set<std::string> ids;
  long long n = 0;
  while (true) {
    geo::Feature feat;
    try {
      feat = layer.next();
    } catch (const geo::GdalError& e) {
      throw ImportError(csv ? "line " + std::to_string(n + 2) : "feature " + std::to_string(n + 1), e.what());
    }
    if (!feat) break;
    ++n;
    SourceRecord rec;
    // CSV line numbers count the header: record n is on line n + 1.
    std::string label = csv ? "line " + std::to_string(n + 1) : "feature " + std::to_string(n);
    auto get = [&](const char* name) {
      const int i = idx(name);
      return i < 0 ? std::string() : trim(feat.get_string(i));
    };
    Initiative& in = rec.initiative;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const std::string v = feat.get_string(static_cast<int>(i));
      if (!geo::is_valid_utf8(v)) utf8_error(label, "field " + fields[i], v);
      if (!v.empty()) in.attributes.emplace_back(fields[i], v);
    }
    in.id = get("id");
    if (in.id.empty()) in.id = std::filesystem::path(path).stem().string() + "-" + std::to_string(n);
    label += " (id " + in.id + ")";
    if (!ids.insert(in.id).second) throw ImportError(label, "duplicate id " + in.id + " in the source");
    in.name = get("name");
    if (in.name.empty()) throw ImportError(label, "missing name");
    in.institution = get("institution");
    in.institution_type = get("institution_type");
    in.area = get("area");
    in.thematic_field = get("thematic_field");
    in.scope = get("scope");
    in.rurality = get("rurality");
    in.contest = get("contest");
    in.year = parse_year(label, get("year"));
    in.stage = get("stage");
    in.award = get("award");
    in.field_visit = parse_bool(label, get("field_visit"));
    in.region_recorded = get("region_recorded");

    Footprint& f = in.footprint;
    const std::string division = get("footprint_division");
    if (!division.empty()) {
      auto d = parse_division(division);
      if (!d) throw ImportError(label, "footprint_division '" + division + "' is not 2018 or 2007");
      f.division = *d;
    }
    const std::string level = get("footprint_level");
    if (!level.empty()) {
      f.names_level = parse_level(lower(level));
      if (!f.names_level) throw ImportError(label, "footprint_level '" + level + "' is not region, province or commune");
    }
    f.basis_note = get("footprint_basis");
    f.codes = split_list(get("footprint_codes"));
    f.names = split_list(get("footprint_names"));

    geo::Geometry g;
    try {
      g = feat.geometry();
    } catch (const geo::Error& e) {
      throw ImportError(label, std::string("unreadable geometry: ") + e.what());
    }
    if (g && !g.is_empty()) set_geometry_footprint(label, std::move(g), rec);
    else if (!f.codes.empty()) f.kind = FootprintKind::codes;
    else if (!f.names.empty()) f.kind = FootprintKind::names;
    else if (csv && (idx("lon") >= 0 || idx("lat") >= 0 || idx("longitude") >= 0) &&
             (!get("lon").empty() || !get("lat").empty() || !get("longitude").empty() || !get("latitude").empty()))
      throw ImportError(label, "lon/lat are not a valid pair of numbers");
    rec.label = label;
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace layers
