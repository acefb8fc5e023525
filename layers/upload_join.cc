#include "layers/upload_join.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <optional>

#include "geo/error.h"
#include "geo/geometry_ops.h"
#include "layers/place_join.h"

namespace layers {

namespace {
using ojson = nlohmann::ordered_json;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

// "line N", built piecewise (see where()).
std::string at_line(std::size_t line) {
  std::string w = "line ";
  w += std::to_string(line);
  return w;
}

void count(UploadReport& report, const std::string& basis) {
  ++report.records;
  ++report.by_basis[basis];
}

// ---- CSV ----------------------------------------------------------------

struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t line = 0;  // where the record starts, 1-based
  bool blank = false;    // an empty line
};

// Reads the record starting at pos (RFC 4180: quoted fields may hold
// commas, doubled quotes and line breaks). False at the end of the text.
bool next_record(std::string_view text, std::size_t& pos, std::size_t& line, CsvRecord& rec) {
  rec.fields.clear();
  rec.line = line;
  if (pos >= text.size()) return false;
  std::string field;
  bool quoted = false, was_quoted = false;
  while (pos < text.size()) {
    const char c = text[pos];
    if (quoted) {
      if (c == '"') {
        if (pos + 1 < text.size() && text[pos + 1] == '"') {
          field += '"';
          pos += 2;
          continue;
        }
        quoted = false;
        ++pos;
        if (pos < text.size() && text[pos] != ',' && text[pos] != '\r' && text[pos] != '\n')
          throw UploadError(at_line(line) + ": unexpected text after a closing quote");
        continue;
      }
      if (c == '\n') ++line;
      field += c;
      ++pos;
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
      ++pos;
      continue;
    }
    if (c == ',') {
      rec.fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      ++pos;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
      ++pos;
      ++line;
      break;
    }
    field += c;
    ++pos;
  }
  if (quoted) throw UploadError(at_line(rec.line) + ": a quoted field is not closed");
  rec.blank = rec.fields.empty() && field.empty() && !was_quoted;
  rec.fields.push_back(std::move(field));
  return true;
}

std::optional<std::size_t> find_column(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (const char* n : names)
    for (std::size_t i = 0; i < header.size(); ++i)
      if (lower(trim(header[i])) == n) return i;
  return std::nullopt;
}

double coordinate(const std::string& text, const std::string& column, std::size_t line, double limit) {
  double v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() || !std::isfinite(v))
    throw UploadError(at_line(line) + ": " + column + " '" + text + "' is not a decimal number");
  if (std::abs(v) > limit)
    throw UploadError(at_line(line) + ": " + column + " " + text + " is out of range");
  return v;
}

PlaceJoin join_geometry(const Catalog& catalog, const geo::Geometry& g) {
  if (!g || g.is_empty()) return {{}, "no_geometry"};
  if (g.is_puntal()) return join_points(catalog, geo::point_coordinates(g));
  return join_polygonal(catalog, g);
}

// ---- GeoJSON ------------------------------------------------------------

std::string where(std::size_t i) {
  std::string w = "features[";  // piecewise: GCC 12 warns falsely on "lit" + std::to_string()
  w += std::to_string(i);
  w += ']';
  return w;
}

std::string string_member(const ojson& o, const char* name) {
  auto it = o.find(name);
  return it != o.end() && it->is_string() ? it->get<std::string>() : "";
}

std::pair<double, double> position(const ojson& p, std::size_t i) {
  if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
    throw UploadError(where(i) + ": a position must be an array [lon, lat] of numbers");
  const double lon = p[0].get<double>(), lat = p[1].get<double>();
  if (std::abs(lon) > 180 || std::abs(lat) > 90)
    throw UploadError(where(i) + ": position [" + p[0].dump() + ", " + p[1].dump() + "] is not a lon/lat pair");
  return {lon, lat};
}

void append_number(std::string& out, double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// "(x y, x y, ...), (...)" for the rings of one GeoJSON polygon.
void append_rings(std::string& wkt, const ojson& rings, std::size_t i) {
  if (!rings.is_array() || rings.empty()) throw UploadError(where(i) + ": a polygon needs an array of rings");
  wkt += '(';
  for (std::size_t r = 0; r < rings.size(); ++r) {
    const ojson& ring = rings[r];
    if (!ring.is_array() || ring.size() < 4)
      throw UploadError(where(i) + ": a polygon ring needs at least 4 positions");
    if (position(ring.front(), i) != position(ring.back(), i))
      throw UploadError(where(i) + ": a polygon ring must end where it starts");
    if (r) wkt += ", ";
    wkt += '(';
    for (std::size_t k = 0; k < ring.size(); ++k) {
      const auto [x, y] = position(ring[k], i);
      if (k) wkt += ", ";
      append_number(wkt, x);
      wkt += ' ';
      append_number(wkt, y);
    }
    wkt += ')';
  }
  wkt += ')';
}

PlaceJoin join_feature_geometry(const Catalog& catalog, const ojson& g, std::size_t i) {
  if (g.is_null()) return {{}, "no_geometry"};
  if (!g.is_object()) throw UploadError(where(i) + ": geometry must be an object or null");
  const std::string type = string_member(g, "type");
  const auto coords = g.find("coordinates");
  const bool has_coords = coords != g.end();
  if (type == "LineString" || type == "MultiLineString" || type == "GeometryCollection")
    return {{}, "unsupported_geometry"};
  if (type != "Point" && type != "MultiPoint" && type != "Polygon" && type != "MultiPolygon")
    throw UploadError(where(i) + ": unknown geometry type '" + type + "'");
  if (!has_coords || !coords->is_array()) throw UploadError(where(i) + ": " + type + " without coordinates");
  if (type == "Point") return join_points(catalog, {position(*coords, i)});
  if (type == "MultiPoint") {
    std::vector<std::pair<double, double>> pts;
    for (const auto& p : *coords) pts.push_back(position(p, i));
    return join_points(catalog, pts);
  }
  std::string wkt;
  if (type == "Polygon") {
    wkt = "POLYGON ";
    append_rings(wkt, *coords, i);
  } else {
    if (coords->empty()) return {{}, "no_geometry"};
    wkt = "MULTIPOLYGON (";
    for (std::size_t p = 0; p < coords->size(); ++p) {
      if (p) wkt += ", ";
      append_rings(wkt, (*coords)[p], i);
    }
    wkt += ')';
  }
  geo::Geometry geometry;
  try {
    geometry = geo::Geometry::from_wkt(wkt);
  } catch (const geo::Error& e) {
    throw UploadError(where(i) + ": unreadable " + type + " (" + e.what() + ")");
  }
  return join_polygonal(catalog, geometry);
}
}  // namespace

JoinedCsv join_csv_upload(const Catalog& catalog, std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
  JoinedCsv out;
  std::size_t pos = 0, line = 1;
  CsvRecord rec;
  if (!next_record(text, pos, line, rec) || rec.blank) throw UploadError("line 1: the upload has no header line");
  out.header = rec.fields;
  for (const auto& c : place_join_columns())
    if (std::find(out.header.begin(), out.header.end(), c) != out.header.end())
      throw UploadError("line 1: the upload already has a column named " + c);
  const auto lon = find_column(out.header, {"lon", "longitude", "lng", "long", "x"});
  const auto lat = find_column(out.header, {"lat", "latitude", "y"});
  const auto wkt = find_column(out.header, {"wkt", "geometry", "geom"});
  if (lon.has_value() != lat.has_value())
    throw UploadError(std::string("line 1: a ") + (lon ? "longitude" : "latitude") + " column without a " +
                      (lon ? "latitude" : "longitude") + " column");
  if (!lon && !wkt) throw UploadError("line 1: the header needs lon and lat columns (or a wkt column)");
  const std::size_t width = out.header.size();
  out.header.insert(out.header.end(), place_join_columns().begin(), place_join_columns().end());

  while (next_record(text, pos, line, rec)) {
    if (rec.blank) continue;
    if (rec.fields.size() != width)
      throw UploadError(at_line(rec.line) + ": " + std::to_string(rec.fields.size()) +
                        " fields where the header has " + std::to_string(width));
    PlaceJoin j;
    if (lon) {
      const std::string x = trim(rec.fields[*lon]), y = trim(rec.fields[*lat]);
      if (x.empty() && y.empty()) {
        j = {{}, "no_geometry"};
      } else {
        const double vx = coordinate(x, out.header[*lon], rec.line, 180);
        const double vy = coordinate(y, out.header[*lat], rec.line, 90);
        j = join_points(catalog, {{vx, vy}});
      }
    } else if (trim(rec.fields[*wkt]).empty()) {
      j = {{}, "no_geometry"};
    } else {
      geo::Geometry g;
      try {
        g = geo::Geometry::from_wkt(rec.fields[*wkt]);
      } catch (const geo::Error& e) {
        throw UploadError(at_line(rec.line) + ": unreadable " + out.header[*wkt] + " (" + e.what() +
                          ")");
      }
      j = join_geometry(catalog, g);
    }
    count(out.report, j.basis);
    std::vector<std::string> row = std::move(rec.fields);
    auto values = place_join_values(catalog, j);
    row.insert(row.end(), std::make_move_iterator(values.begin()), std::make_move_iterator(values.end()));
    out.rows.push_back(std::move(row));
    rec.fields = {};
  }
  return out;
}

JoinedGeoJson join_geojson_upload(const Catalog& catalog, std::string_view text) {
  JoinedGeoJson out;
  try {
    out.collection = ojson::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();  // "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    const auto b = what.find("] ");
    throw UploadError("not valid JSON: " + (b == std::string::npos ? what : what.substr(b + 2)));
  }
  ojson& doc = out.collection;
  if (!doc.is_object() || string_member(doc, "type") != "FeatureCollection")
    throw UploadError("the upload must be a GeoJSON FeatureCollection");
  auto features = doc.find("features");
  if (features == doc.end() || !features->is_array()) throw UploadError("the FeatureCollection has no features array");
  const auto& columns = place_join_columns();
  for (std::size_t i = 0; i < features->size(); ++i) {
    ojson& f = (*features)[i];
    if (!f.is_object() || string_member(f, "type") != "Feature")
      throw UploadError(where(i) + ": not a GeoJSON Feature object");
    auto props = f.find("properties");
    if (props == f.end() || props->is_null()) {
      f["properties"] = ojson::object();
      props = f.find("properties");
    } else if (!props->is_object()) {
      throw UploadError(where(i) + ": properties must be an object or null");
    }
    for (const auto& c : columns)
      if (props->contains(c)) throw UploadError(where(i) + ": properties already have a member named " + c);
    const auto g = f.find("geometry");
    const PlaceJoin j = g == f.end() ? PlaceJoin{{}, "no_geometry"} : join_feature_geometry(catalog, *g, i);
    count(out.report, j.basis);
    auto values = place_join_values(catalog, j);
    for (std::size_t k = 0; k < columns.size(); ++k) (*props)[columns[k]] = std::move(values[k]);
  }
  return out;
}

}  // namespace layers
