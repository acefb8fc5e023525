// join_csv_upload (layers/join/upload_join.h): RFC 4180 records (csv_record.h) read one at a
// time into reused buffers, joined and handed to the sink.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <optional>

#include "geo/error.h"
#include "geo/utf8.h"
#include "layers/join/place_join.h"
#include "layers/join/csv_record.h"
#include "layers/join/upload_geometry.h"
#include "layers/join/upload_join.h"

namespace layers {

namespace {
using upload::excerpt;
using csv::at_line;

// Columns of a header beyond which an upload is refused (the records are
// checked against the header's width).
constexpr std::size_t kMaxColumns = 1000;
// Deepest parenthesis nesting of a WKT value: a collection of multipolygons
// needs 4; GEOS reads WKT recursively, so deeper text is refused unread.
constexpr std::size_t kMaxWktDepth = 8;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// The first ill-formed UTF-8 byte of the text, named by line and column.
void check_utf8(std::string_view text) {
  const std::size_t bad = geo::invalid_utf8_offset(text);
  if (bad == std::string_view::npos) return;
  const std::string_view before = text.substr(0, bad);
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t nl = before.rfind('\n');
  const std::size_t column = bad - (nl == std::string_view::npos ? 0 : nl + 1) + 1;
  static const char kHex[] = "0123456789ABCDEF";
  const auto byte = static_cast<unsigned char>(text[bad]);
  std::string msg = at_line(line) + ": not valid UTF-8 text (byte 0x";
  msg += kHex[byte >> 4];
  msg += kHex[byte & 15];
  msg += " at column " + std::to_string(column) + ")";
  throw UploadError(msg);
}

std::optional<std::size_t> find_column(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (const char* n : names)
    for (std::size_t i = 0; i < header.size(); ++i)
      if (lower(trim(header[i])) == n) return i;
  return std::nullopt;
}

double coordinate(std::string_view text, std::string_view column, std::size_t line, double limit) {
  double v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() || !std::isfinite(v))
    throw UploadError(at_line(line) + ": " + std::string(column) + " " + excerpt(text) + " is not a decimal number");
  if (std::abs(v) > limit)
    throw UploadError(at_line(line) + ": " + std::string(column) + " " + std::string(geo::utf8_prefix(text, 40)) +
                      " is out of range");
  return v;
}

// The deepest parenthesis nesting of a WKT text.
std::size_t wkt_depth(std::string_view wkt) {
  std::size_t depth = 0, deepest = 0;
  for (const char c : wkt) {
    if (c == '(') deepest = std::max(deepest, ++depth);
    else if (c == ')' && depth > 0) --depth;
  }
  return deepest;
}

geo::Geometry read_wkt(std::string_view text, std::string_view column, std::size_t line) {
  if (wkt_depth(text) > kMaxWktDepth)
    throw UploadError(at_line(line) + ": " + std::string(column) + " is nested deeper than " +
                      std::to_string(kMaxWktDepth) + " parentheses, the limit");
  try {
    return geo::Geometry::from_wkt(std::string(text));
  } catch (const geo::Error& e) {
    throw UploadError(at_line(line) + ": unreadable " + std::string(column) + " (" + upload::short_reason(e.what()) +
                      ")");
  }
}
}  // namespace

UploadReport join_csv_upload(const Catalog& catalog, std::string_view text, const CsvRowSink& sink,
                             const UploadLimits& limits) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
  check_utf8(text);
  UploadReport report;
  std::size_t pos = 0, line = 1;
  csv::Record rec;
  if (!csv::next_record(text, pos, line, rec, kMaxColumns, limits.max_string_bytes) || rec.blank)
    throw UploadError("line 1: the upload has no header line");
  if (rec.count > kMaxColumns)
    throw UploadLimitExceeded("line 1: the header has more than " + std::to_string(kMaxColumns) +
                              " columns, the limit");
  std::vector<std::string> header(rec.fields.begin(), rec.fields.begin() + static_cast<std::ptrdiff_t>(rec.size));
  const auto& columns = place_join_columns();
  for (const auto& c : columns)
    if (std::find(header.begin(), header.end(), c) != header.end())
      throw UploadError("line 1: the upload already has a column named " + c);
  const auto lon = find_column(header, {"lon", "longitude", "lng", "long", "x"});
  const auto lat = find_column(header, {"lat", "latitude", "y"});
  const auto wkt = find_column(header, {"wkt", "geometry", "geom"});
  if (lon.has_value() != lat.has_value())
    throw UploadError(std::string("line 1: a ") + (lon ? "longitude" : "latitude") + " column without a " +
                      (lon ? "latitude" : "longitude") + " column");
  if (!lon && !wkt) throw UploadError("line 1: the header needs lon and lat columns (or a wkt column)");
  const std::size_t width = header.size();

  std::vector<std::string_view> row;
  row.reserve(width + columns.size());
  for (const auto& h : header) row.emplace_back(h);
  for (const auto& c : columns) row.emplace_back(c);
  sink(row);

  const std::string lon_name(lon ? trim(header[*lon]) : ""), lat_name(lat ? trim(header[*lat]) : "");
  const std::string wkt_name(wkt ? trim(header[*wkt]) : "");
  PlaceJoinValues values(catalog);
  upload::VertexBudget budget(limits);
  while (csv::next_record(text, pos, line, rec, width, limits.max_string_bytes)) {
    if (rec.blank) continue;
    if (rec.count != width)
      throw UploadError(at_line(rec.line) + ": " + std::to_string(rec.count) + " fields where the header has " +
                        std::to_string(width));
    if (report.records == limits.max_csv_records)
      throw UploadLimitExceeded(at_line(rec.line) + ": the upload has more than " +
                                std::to_string(limits.max_csv_records) + " records, the limit");
    PlaceJoin j;
    if (lon) {
      const std::string_view x = trim(rec.fields[*lon]), y = trim(rec.fields[*lat]);
      if (x.empty() && y.empty()) {
        j = {{}, "no_geometry"};
      } else {
        const double vx = coordinate(x, lon_name, rec.line, 180);
        const double vy = coordinate(y, lat_name, rec.line, 90);
        j = join_points(catalog, {{vx, vy}});
      }
    } else if (trim(rec.fields[*wkt]).empty()) {
      j = {{}, "no_geometry"};
    } else {
      const geo::Geometry g = read_wkt(rec.fields[*wkt], wkt_name, rec.line);
      budget.take(g.num_points(), at_line(rec.line));
      j = upload::join_geometry(catalog, g);
    }
    ++report.records;
    ++report.by_basis[j.basis];
    row.clear();
    for (std::size_t k = 0; k < width; ++k) row.emplace_back(rec.fields[k]);
    for (const auto& v : values(j)) row.emplace_back(v);
    sink(row);
  }
  return report;
}

}  // namespace layers
