#include "server/routes/ogc_params.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "server/http/errors.h"
#include "server/http/text.h"

namespace server::routes {
namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(sep, start);
    out.emplace_back(http::trim(std::string_view(text).substr(start, end == std::string::npos ? std::string::npos : end - start)));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

http::BadRequest bad(const std::string& param, const std::string& detail) {
  return http::BadRequest(detail, {{"parameter", param}});
}

std::optional<long long> integer(const std::string& text) {
  long long v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// The year of one end of a datetime: YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339
// date-time YYYY-MM-DDThh:mm:ss[.s](Z|±hh:mm), each field in its range.
int year_of(const std::string& text) {
  const auto fail = [&]() {
    return bad("datetime", "datetime must be an RFC 3339 date or date-time, or an interval of them, not '" + text + "'");
  };
  const auto digits = [&](std::size_t from, std::size_t n) {
    if (text.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    return true;
  };
  const auto number = [&](std::size_t from, std::size_t n) { return std::stoi(text.substr(from, n)); };
  const auto at = [&](std::size_t i, char c) { return i < text.size() && (text[i] == c || text[i] == (c | 0x20)); };
  if (!digits(0, 4)) throw fail();
  const int year = number(0, 4);
  if (text.size() == 4) return year;
  if (!at(4, '-') || !digits(5, 2)) throw fail();
  const int month = number(5, 2);
  if (month < 1 || month > 12) throw bad("datetime", "datetime has month " + std::to_string(month));
  if (text.size() == 7) return year;
  if (!at(7, '-') || !digits(8, 2)) throw fail();
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int day = number(8, 2);
  if (day < 1 || day > kDays[month - 1] + (month == 2 && leap(year)))
    throw bad("datetime", "datetime has day " + std::to_string(day) + " in month " + std::to_string(month));
  if (text.size() == 10) return year;
  // Time of day: hh:mm:ss, an optional fraction, then Z or an offset.
  if (!at(10, 'T') || !digits(11, 2) || !at(13, ':') || !digits(14, 2) || !at(16, ':') || !digits(17, 2)) throw fail();
  if (number(11, 2) > 23 || number(14, 2) > 59 || number(17, 2) > 60) throw fail();
  std::size_t i = 19;
  if (at(i, '.')) {
    const std::size_t from = ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == from) throw fail();
  }
  if (at(i, 'Z') && i + 1 == text.size()) return year;
  if (i + 6 != text.size() || (text[i] != '+' && text[i] != '-') || !digits(i + 1, 2) || !at(i + 3, ':') ||
      !digits(i + 4, 2) || number(i + 1, 2) > 23 || number(i + 4, 2) > 59)
    throw fail();
  return year;
}

}  // namespace

Format negotiate(const http::Request& r, bool downloads) {
  if (const auto f = r.query_value("f")) {
    if (*f == "json" || *f == "geojson") return Format::json;
    if (*f == "html") return Format::html;
    if (downloads) {
      if (*f == "csv") return Format::csv;
      if (*f == "gpkg") return Format::gpkg;
      if (*f == "fgb") return Format::fgb;
      if (*f == "csvt") return Format::csvt;
      if (*f == "prj") return Format::prj;
    }
    nlohmann::json allowed = {"json", "html"};
    if (downloads)
      for (const char* d : {"csv", "gpkg", "fgb", "csvt", "prj"}) allowed.push_back(d);
    throw http::BadRequest("f must be one of " + allowed.dump() + ", not '" + *f + "'",
                           {{"parameter", "f"}, {"allowed", allowed}});
  }
  if (const auto accept = r.header("accept")) {
    const std::string a = http::to_lower(*accept);
    const auto html = a.find("text/html");
    const auto json = std::min(a.find("json"), a.find("application/geo"));
    if (html != std::string::npos && (json == std::string::npos || html < json)) return Format::html;
  }
  return Format::json;
}

std::size_t parse_limit(const std::optional<std::string>& text) {
  if (!text) return layers::kDefaultLimit;
  const auto v = integer(*text);
  if (!v && !text->empty() && text->find_first_not_of("0123456789") == std::string::npos) return layers::kMaxLimit;
  if (!v || *v < 1)
    throw http::BadRequest("limit must be a whole number from 1 (larger values are clamped to 10000), not '" + *text + "'",
                           {{"parameter", "limit"}, {"minimum", 1}, {"maximum", layers::kMaxLimit}});
  return static_cast<std::size_t>(std::min<long long>(*v, static_cast<long long>(layers::kMaxLimit)));
}

std::size_t parse_offset(const std::optional<std::string>& text) {
  if (!text) return 0;
  const auto v = integer(*text);
  if (!v || *v < 0 || *v > 1'000'000'000)
    throw bad("offset", "offset must be a whole number from 0, not '" + *text + "'");
  return static_cast<std::size_t>(*v);
}

std::vector<geo::Envelope> parse_bbox(const std::string& text, const layers::Crs& crs) {
  const auto parts = split(text, ',');
  if (parts.size() != 4 && parts.size() != 6)
    throw bad("bbox", "bbox must be 4 or 6 comma-separated numbers, not '" + text + "'");
  std::vector<double> v;
  for (const auto& p : parts) {
    double d = 0;
    const auto r = std::from_chars(p.data(), p.data() + p.size(), d);
    if (p.empty() || r.ec != std::errc() || r.ptr != p.data() + p.size() || !std::isfinite(d))
      throw bad("bbox", "bbox must be 4 or 6 comma-separated numbers, not '" + text + "'");
    v.push_back(d);
  }
  if (v.size() == 6) v = {v[0], v[1], v[3], v[4]};
  if (crs.projected) {
    if (v[0] > v[2] || v[1] > v[3]) throw bad("bbox", "bbox: the lower corner must come first");
    try {
      return {layers::box_to_crs84(crs, v[0], v[1], v[2], v[3])};
    } catch (const std::exception&) {
      throw bad("bbox", "bbox lies outside the area of " + crs.uri);
    }
  }
  double x0 = v[0], y0 = v[1], x1 = v[2], y1 = v[3];
  if (crs.lat_first) {
    std::swap(x0, y0);
    std::swap(x1, y1);
  }
  if (y0 < -90 || y1 > 90 || x0 < -180 || x0 > 180 || x1 < -180 || x1 > 180)
    throw bad("bbox", "bbox: longitudes must be within [-180, 180] and latitudes within [-90, 90]");
  if (y0 > y1) throw bad("bbox", "bbox: the minimum latitude is greater than the maximum");
  if (x0 <= x1) return {geo::Envelope{x0, y0, x1, y1}};
  // Across the antimeridian: the box is the two pieces on either side.
  return {geo::Envelope{x0, y0, 180, y1}, geo::Envelope{-180, y0, x1, y1}};
}

const layers::Crs& parse_crs(const std::string& param, const std::string& text) {
  if (const layers::Crs* c = layers::find_crs(text)) return *c;
  nlohmann::json allowed = nlohmann::json::array();
  for (const auto& c : layers::supported_crs()) allowed.push_back(c.uri);
  throw http::BadRequest(param + ": unsupported CRS '" + text + "'", {{"parameter", param}, {"allowed", allowed}});
}

std::pair<std::optional<int>, std::optional<int>> parse_datetime(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) {
    if (text.empty() || text == "..") throw bad("datetime", "datetime must not be empty");
    const int y = year_of(text);
    return {y, y};
  }
  const std::string a = text.substr(0, slash), b = text.substr(slash + 1);
  if (b.find('/') != std::string::npos) throw bad("datetime", "datetime has more than one '/'");
  const bool open_a = a.empty() || a == "..", open_b = b.empty() || b == "..";
  if (open_a && open_b) throw bad("datetime", "datetime: an interval needs at least one end");
  std::optional<int> lo, hi;
  if (!open_a) lo = year_of(a);
  if (!open_b) hi = year_of(b);
  if (lo && hi && *lo > *hi) throw bad("datetime", "datetime: the interval ends before it starts");
  return {lo, hi};
}

std::vector<layers::SortKey> parse_sortby(const std::string& text, const layers::Collection& c) {
  std::vector<layers::SortKey> keys;
  for (std::string item : split(text, ',')) {
    layers::SortKey k;
    if (!item.empty() && (item[0] == '+' || item[0] == '-' || item[0] == ' ')) {
      k.descending = item[0] == '-';
      item.erase(0, 1);
    }
    const auto i = c.field_index(item);
    if (!i) throw bad("sortby", "sortby: '" + item + "' is not a property of " + c.id);
    k.field = *i;
    keys.push_back(k);
  }
  return keys;
}

std::vector<std::size_t> parse_properties(const std::string& text, const layers::Collection& c) {
  std::vector<std::size_t> out;
  if (text.empty()) return out;
  for (const auto& item : split(text, ',')) {
    const auto i = c.field_index(item);
    if (!i) throw bad("properties", "properties: '" + item + "' is not a property of " + c.id);
    if (std::find(out.begin(), out.end(), *i) == out.end()) out.push_back(*i);
  }
  return out;
}

std::string url_encode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string query_with(const http::Request& r,
                       const std::vector<std::pair<std::string, std::optional<std::string>>>& changes) {
  std::vector<std::pair<std::string, std::string>> q;
  for (const auto& kv : r.query) {
    bool changed = false;
    for (const auto& ch : changes) changed = changed || ch.first == kv.first;
    if (!changed) q.push_back(kv);
  }
  for (const auto& [name, value] : changes)
    if (value) q.emplace_back(name, *value);
  std::string out;
  for (const auto& [k, v] : q) {
    out += out.empty() ? '?' : '&';
    out += url_encode(k);
    out += '=';
    out += url_encode(v);
  }
  return out;
}

}  // namespace server::routes
