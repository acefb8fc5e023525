#include "layers/store/initiative_source.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "geo/error.h"
#include "geo/gdal/gdal_dataset.h"
#include "geo/utf8.h"
#include "layers/store/csv_table.h"
#include "layers/errors.h"
#include "layers/model/initiative_fields.h"

namespace layers {

namespace {

// "<file name>-<n>" for a record without id, with every character the id
// rule refuses replaced by '-' (file names may have spaces and accents).
std::string generated_id(const std::string& path, long long n) {
  std::string stem = std::filesystem::path(path).stem().string();
  for (char& c : stem)
    if (!is_valid_initiative_id(std::string_view(&c, 1))) c = '-';
  const std::string suffix = "-" + std::to_string(n);
  if (stem.size() + suffix.size() > 64) stem.resize(64 - suffix.size());
  return stem + suffix;
}
bool is_csv(const std::string& path) {
  std::string ext = ascii_lower(std::filesystem::path(path).extension().string());
  return ext == ".csv" || ext == ".tsv" || ext == ".txt";
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
  for (const auto& f : fields) lower_fields.push_back(ascii_lower(f));
  auto idx = [&](std::string_view name) {
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
    auto get = [&](std::string_view name) {
      const int i = idx(name);
      return i < 0 ? std::string() : trim_blanks(feat.get_string(i));
    };
    Initiative& in = rec.initiative;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const std::string v = feat.get_string(static_cast<int>(i));
      if (!geo::is_valid_utf8(v)) utf8_error(label, "field " + fields[i], v);
      if (!v.empty()) in.attributes.emplace_back(fields[i], v);
    }
    in.id = get("id");
    if (in.id.empty()) in.id = generated_id(path, n);
    label += " (id " + in.id + ")";
    if (!is_valid_initiative_id(in.id))
      throw ImportError(label, std::string("the id is not ") + kInitiativeIdRule + ": every id must fit in a URL");
    if (!ids.insert(in.id).second) throw ImportError(label, "duplicate id " + in.id + " in the source");
    try {
      read_recognised_fields(get, in);
    } catch (const FieldError& e) {
      throw ImportError(label, e.what());
    }
    Footprint& f = in.footprint;

    geo::Geometry g;
    try {
      g = feat.geometry();
    } catch (const geo::Error& e) {
      throw ImportError(label, std::string("unreadable geometry: ") + e.what());
    }
    if (g && !g.is_empty()) {
      try {
        const std::string repaired = set_geometry_footprint(std::move(g), f);
        if (!repaired.empty()) rec.notes.push_back(label + ": invalid polygon repaired (" + repaired + ")");
      } catch (const FieldError& e) {
        throw ImportError(label, e.what());
      }
    } else if (!f.codes.empty()) f.kind = FootprintKind::codes;
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
