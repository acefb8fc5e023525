// join_geojson_upload (layers/join/upload_join.h): the upload is read as a stream
// of JSON events (nlohmann's SAX parser, which keeps its own stack and
// validates UTF-8 and numbers); each event is written back as compact text
// at once, a feature at a time into a reused buffer, so that the joined
// columns can be added to its properties once its geometry is known. Only
// the coordinates of the current feature are kept, as flat tokens.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "geo/geos/coordinate_geometry.h"
#include "geo/error.h"
#include "geo/json_text.h"
#include "layers/join/place_join.h"
#include "layers/join/upload_geometry.h"
#include "layers/join/upload_join.h"

namespace layers {

namespace {
using upload::excerpt;

// "features[i]", built piecewise (GCC 12 warns falsely on "lit" + std::to_string()).
std::string where(std::size_t i) {
  std::string w = "features[";
  w += std::to_string(i);
  w += ']';
  return w;
}

void append_number(std::string& out, double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// The coordinates of one geometry as they arrived: brackets and numbers.
struct CoordinateTokens {
  enum Token : std::uint8_t { number, open, close, other };
  std::vector<Token> tokens;
  std::vector<double> numbers;
  void clear() {
    tokens.clear();
    numbers.clear();
  }
};

// Reads the GeoJSON coordinate arrays of one geometry from its tokens.
class CoordinateReader {
 public:
  CoordinateReader(const CoordinateTokens& c, std::string where) : c_(c), where_(std::move(where)) {}

  std::pair<double, double> position() {
    if (!take(CoordinateTokens::open)) fail_position();
    std::size_t n = 0;
    double xy[2] = {0, 0};
    while (!take(CoordinateTokens::close)) {
      if (t_ >= c_.tokens.size() || c_.tokens[t_] != CoordinateTokens::number) fail_position();
      ++t_;
      const double v = c_.numbers[ni_++];
      if (n < 2) xy[n] = v;
      ++n;
    }
    if (n < 2) fail_position();
    if (std::abs(xy[0]) > 180 || std::abs(xy[1]) > 90) {
      std::string msg = where_ + ": position [";
      append_number(msg, xy[0]);
      msg += ", ";
      append_number(msg, xy[1]);
      throw UploadError(msg + "] is not a lon/lat pair");
    }
    return {xy[0], xy[1]};
  }

  // Calls each() for every element of an array; false if this is not an array.
  template <typename F>
  bool elements(F each) {
    if (!take(CoordinateTokens::open)) return false;
    while (!take(CoordinateTokens::close)) {
      if (t_ >= c_.tokens.size()) return false;
      each();
    }
    return true;
  }

  // A ring as interleaved x, y.
  std::vector<double> ring() {
    std::vector<double> xy;
    const bool ok = elements([&] {
      const auto [x, y] = position();
      xy.push_back(x);
      xy.push_back(y);
    });
    if (!ok || xy.size() < 8) throw UploadError(where_ + ": a polygon ring needs at least 4 positions");
    if (xy[0] != xy[xy.size() - 2] || xy[1] != xy[xy.size() - 1])
      throw UploadError(where_ + ": a polygon ring must end where it starts");
    return xy;
  }

  std::vector<std::vector<double>> rings() {
    std::vector<std::vector<double>> out;
    if (!elements([&] { out.push_back(ring()); }) || out.empty())
      throw UploadError(where_ + ": a polygon needs an array of rings");
    return out;
  }

 private:
  bool take(CoordinateTokens::Token t) {
    if (t_ < c_.tokens.size() && c_.tokens[t_] == t) {
      ++t_;
      return true;
    }
    return false;
  }
  [[noreturn]] void fail_position() const {
    throw UploadError(where_ + ": a position must be an array [lon, lat] of numbers");
  }

  const CoordinateTokens& c_;
  std::string where_;
  std::size_t t_ = 0, ni_ = 0;
};

std::size_t vertex_count(const std::vector<std::vector<double>>& rings) {
  std::size_t n = 0;
  for (const auto& r : rings) n += r.size() / 2;
  return n;
}

// What a JSON value is to the GeoJSON reader, from where it sits.
enum class Role {
  root,          // the whole document
  top_type,      // the FeatureCollection's "type"
  features,      // its "features" array
  feature,       // an element of "features"
  feature_type,  // a feature's "type"
  properties,    // a feature's "properties"
  geometry,      // a feature's "geometry"
  geometry_type, // the geometry's "type"
  coordinates,   // the geometry's "coordinates", and every array inside
  other,         // anything else: written back as it came
};

struct Frame {
  Role role;
  bool array;
  bool first = true;  // no member or element written yet
};

// The SAX handler: checks, writes back and joins as the events arrive.
class GeoJsonJoiner {
 public:
  using json = nlohmann::json;

  GeoJsonJoiner(const Catalog& catalog, std::string& out, const UploadLimits& limits)
      : catalog_(catalog), out_(out), limits_(limits), values_(catalog), budget_(limits) {}

  UploadReport finish() {
    if (!top_type_ok_) throw UploadError("the upload must be a GeoJSON FeatureCollection");
    if (!features_seen_) throw UploadError("the FeatureCollection has no features array");
    return std::move(report_);
  }

  // ---- nlohmann SAX interface -------------------------------------------
  bool null() {
    const Role r = begin_value();
    if (r == Role::properties) props_null_at_ = dst().size();
    else if (r != Role::geometry) scalar_in(r);
    dst() += "null";
    return true;
  }
  bool boolean(bool v) {
    scalar_in(begin_value());
    dst() += v ? "true" : "false";
    return true;
  }
  bool number_integer(json::number_integer_t v) { return integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return integer(v); }
  bool number_float(json::number_float_t v, const std::string&) {
    // Not the token as sent: nlohmann stores it with the locale's decimal
    // point. The shortest text that reads back as v, as dump() writes it.
    number(begin_value(), v);
    const std::size_t at = dst().size();
    append_number(dst(), v);
    if (dst().find_first_of(".e", at) == std::string::npos) dst() += ".0";
    return true;
  }
  bool string(std::string& s) {
    check_string(s);
    const Role r = begin_value();
    if (r == Role::top_type) {
      if (s != "FeatureCollection") throw UploadError("the upload must be a GeoJSON FeatureCollection");
      top_type_ok_ = true;
    } else if (r == Role::feature_type) {
      feature_type_ok_ = s == "Feature";
    } else if (r == Role::geometry_type) {
      geometry_type_ = s;
    } else {
      scalar_in(r);
    }
    geo::append_json_string(dst(), s);
    return true;
  }
  bool binary(json::binary_t&) { return true; }  // not produced by the JSON parser

  bool start_object(std::size_t) {
    const Role r = begin_value();
    if (r == Role::feature) begin_feature();
    else if (r == Role::properties) props_seen_ = true;
    else if (r == Role::geometry) geometry_seen_ = true;
    else if (r == Role::coordinates) coordinates_.tokens.push_back(CoordinateTokens::other);
    check_container(r, false);
    push(r, false);
    dst() += '{';
    return true;
  }
  bool key(std::string& k) {
    check_string(k);
    Frame& f = stack_.back();
    next_role_ = Role::other;
    if (f.role == Role::root) {
      if (k == "type") next_role_ = Role::top_type;
      else if (k == "features") {
        if (features_seen_) throw UploadError("the FeatureCollection has two features members");
        next_role_ = Role::features;
      }
    } else if (f.role == Role::feature) {
      if (k == "type") next_role_ = Role::feature_type;
      else if (k == "properties" || k == "geometry") {
        if (k == "properties" ? props_member_ : geometry_member_)
          throw UploadError(where(feature_) + ": the feature has two " + k + " members");
        (k == "properties" ? props_member_ : geometry_member_) = true;
        next_role_ = k == "properties" ? Role::properties : Role::geometry;
      }
    } else if (f.role == Role::geometry && stack_.size() == geometry_depth_) {
      if (k == "type") next_role_ = Role::geometry_type;
      else if (k == "coordinates") next_role_ = Role::coordinates;
    } else if (f.role == Role::properties) {
      for (const auto& c : place_join_columns())
        if (k == c) throw UploadError(where(feature_) + ": properties already have a member named " + c);
    }
    separator();
    geo::append_json_string(dst(), k);
    dst() += ':';
    after_key_ = true;
    return true;
  }
  bool end_object() {
    const Frame f = stack_.back();
    stack_.pop_back();
    if (f.role == Role::properties) {
      props_end_ = dst().size();
      props_empty_ = f.first;
    }
    if (f.role == Role::feature) {
      end_feature();
      return true;
    }
    dst() += '}';
    return true;
  }
  bool start_array(std::size_t) {
    const Role r = begin_value();
    if (r == Role::features) features_seen_ = true;
    else if (r == Role::coordinates) {
      if (stack_.back().role != Role::coordinates) coordinates_array_ = true;
      coordinates_.tokens.push_back(CoordinateTokens::open);
    }
    check_container(r, true);
    push(r, true);
    dst() += '[';
    return true;
  }
  bool end_array() {
    const Role r = stack_.back().role;
    stack_.pop_back();
    if (r == Role::coordinates) coordinates_.tokens.push_back(CoordinateTokens::close);
    dst() += ']';
    return true;
  }
  bool parse_error(std::size_t, const std::string& token, const nlohmann::detail::exception& e) {
    const std::string at = in_feature_ ? where(feature_) + ": " : "";
    if (e.id == 406) throw UploadError(at + "number " + upload::short_reason(token) + " is out of range");
    std::string what = e.what();  // "[json.exception.parse_error.101] parse error at line 3, column 5: ...; last read: '...'"
    const auto b = what.find("] ");
    if (b != std::string::npos) what.erase(0, b + 2);
    const auto last = what.find("; last read");
    if (last != std::string::npos) what.erase(last);
    throw UploadError(at + "not valid JSON: " + upload::short_reason(what));
  }

 private:
  std::string& dst() { return in_feature_ ? feature_text_ : out_; }

  std::string prefix() const { return in_feature_ ? where(feature_) + ": " : ""; }

  // The role of the value that starts now, after writing its separator.
  Role begin_value() {
    Role r;
    if (stack_.empty()) r = Role::root;
    else if (!stack_.back().array) r = next_role_;
    else {
      const Role parent = stack_.back().role;
      r = parent == Role::features ? Role::feature : parent == Role::coordinates ? Role::coordinates : Role::other;
    }
    separator();
    return r;
  }

  void separator() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (stack_.empty()) return;
    if (!stack_.back().first) dst() += ',';
    stack_.back().first = false;
  }

  void push(Role r, bool array) {
    if (stack_.size() >= limits_.max_depth)
      throw UploadError(prefix() + "JSON nested deeper than " + std::to_string(limits_.max_depth) +
                        " levels, the limit");
    stack_.push_back({r, array});
    if (r == Role::geometry) geometry_depth_ = stack_.size();
  }

  // Roles that need one kind of value, checked when a container starts.
  void check_container(Role r, bool array) {
    if (r == Role::root && array) throw UploadError("the upload must be a GeoJSON FeatureCollection");
    if (r == Role::top_type) throw UploadError("the upload must be a GeoJSON FeatureCollection");
    if (r == Role::features && !array) throw UploadError("the FeatureCollection has no features array");
    if (r == Role::feature && array) throw UploadError(where(report_.records) + ": not a GeoJSON Feature object");
    if (r == Role::properties && array) throw UploadError(prefix() + "properties must be an object or null");
    if (r == Role::geometry && array) throw UploadError(prefix() + "geometry must be an object or null");
  }

  // A scalar where a role needs a container or a string.
  void scalar_in(Role r) {
    switch (r) {
      case Role::root:
      case Role::top_type: throw UploadError("the upload must be a GeoJSON FeatureCollection");
      case Role::features: throw UploadError("the FeatureCollection has no features array");
      case Role::feature: throw UploadError(where(report_.records) + ": not a GeoJSON Feature object");
      case Role::properties: throw UploadError(prefix() + "properties must be an object or null");
      case Role::geometry: throw UploadError(prefix() + "geometry must be an object or null");
      case Role::coordinates: coordinates_.tokens.push_back(CoordinateTokens::other); break;
      default: break;  // feature_type, geometry_type: not the expected string
    }
  }

  template <typename T>
  bool integer(T v) {
    number(begin_value(), static_cast<double>(v));
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    dst().append(buf, res.ptr);
    return true;
  }

  void number(Role r, double v) {
    if (r != Role::coordinates) {
      scalar_in(r);
      return;
    }
    // The tokens of one geometry are bounded like its vertices (a position
    // has 2 to 4 numbers).
    if (coordinates_.numbers.size() >= 4 * limits_.max_geometry_vertices)
      throw UploadLimitExceeded(prefix() + "a geometry has more than " +
                                std::to_string(limits_.max_geometry_vertices) + " vertices, the limit per geometry");
    coordinates_.tokens.push_back(CoordinateTokens::number);
    coordinates_.numbers.push_back(v);
  }

  void check_string(const std::string& s) const {
    if (s.size() > limits_.max_string_bytes)
      throw UploadLimitExceeded(prefix() + "a string is longer than " + std::to_string(limits_.max_string_bytes) +
                                " bytes, the limit");
  }

  void begin_feature() {
    if (report_.records == limits_.max_features)
      throw UploadLimitExceeded(where(report_.records) + ": the upload has more than " +
                                std::to_string(limits_.max_features) + " features, the limit");
    feature_ = report_.records;
    in_feature_ = true;
    feature_text_.clear();
    feature_type_ok_ = props_member_ = props_seen_ = geometry_member_ = geometry_seen_ = false;
    coordinates_array_ = false;
    props_null_at_ = std::string::npos;
    geometry_type_.clear();
    coordinates_.clear();
    geometry_depth_ = 0;
  }

  void end_feature() {
    if (!feature_type_ok_) throw UploadError(where(feature_) + ": not a GeoJSON Feature object");
    const PlaceJoin j = join();
    ++report_.records;
    ++report_.by_basis[j.basis];
    const auto& values = values_(j);
    const auto& columns = place_join_columns();
    std::string joined;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (k) joined += ',';
      geo::append_json_string(joined, columns[k]);
      joined += ':';
      geo::append_json_string(joined, values[k]);
    }
    if (props_seen_) {
      if (!props_empty_) joined.insert(joined.begin(), ',');
      feature_text_.insert(props_end_, joined);
    } else if (props_null_at_ != std::string::npos) {
      feature_text_.replace(props_null_at_, 4, "{" + joined + "}");
    } else {
      feature_text_ += ",\"properties\":{";
      feature_text_ += joined;
      feature_text_ += '}';
    }
    feature_text_ += '}';
    in_feature_ = false;
    out_ += feature_text_;
  }

  PlaceJoin join() {
    if (!geometry_seen_) return {{}, "no_geometry"};
    const std::string& type = geometry_type_;
    const std::string at = where(feature_);
    if (type == "LineString" || type == "MultiLineString" || type == "GeometryCollection")
      return {{}, "unsupported_geometry"};
    if (type != "Point" && type != "MultiPoint" && type != "Polygon" && type != "MultiPolygon")
      throw UploadError(at + ": unknown geometry type " + excerpt(type));
    if (!coordinates_array_) throw UploadError(at + ": " + type + " without coordinates");
    CoordinateReader reader(coordinates_, at);
    if (type == "Point") {
      const auto p = reader.position();
      budget_.take(1, at);
      return join_points(catalog_, {p});
    }
    if (type == "MultiPoint") {
      std::vector<std::pair<double, double>> points;
      if (!reader.elements([&] { points.push_back(reader.position()); }))
        throw UploadError(at + ": a position must be an array [lon, lat] of numbers");
      budget_.take(points.size(), at);
      return join_points(catalog_, points);
    }
    try {
      if (type == "Polygon") {
        const auto rings = reader.rings();
        budget_.take(vertex_count(rings), at);
        return join_polygonal(catalog_, geo::polygon_from_rings(rings));
      }
      std::vector<std::vector<std::vector<double>>> polygons;
      if (!reader.elements([&] { polygons.push_back(reader.rings()); }))
        throw UploadError(at + ": a MultiPolygon needs an array of polygons");
      if (polygons.empty()) return {{}, "no_geometry"};
      std::size_t n = 0;
      for (const auto& p : polygons) n += vertex_count(p);
      budget_.take(n, at);
      std::vector<geo::Geometry> parts;
      for (const auto& p : polygons) parts.push_back(geo::polygon_from_rings(p));
      return join_polygonal(catalog_, geo::Geometry::multi_polygon(std::move(parts)));
    } catch (const geo::Error& e) {
      throw UploadError(at + ": unreadable " + type + " (" + upload::short_reason(e.what()) + ")");
    }
  }

  const Catalog& catalog_;
  std::string& out_;
  const UploadLimits& limits_;
  PlaceJoinValues values_;
  upload::VertexBudget budget_;
  UploadReport report_;

  std::vector<Frame> stack_;
  Role next_role_ = Role::other;  // of the value after the last key
  bool after_key_ = false;        // the next value needs no separator
  bool top_type_ok_ = false, features_seen_ = false;

  // The feature being read.
  bool in_feature_ = false;
  std::size_t feature_ = 0;
  std::string feature_text_;
  bool feature_type_ok_ = false;
  bool props_member_ = false, props_seen_ = false, props_empty_ = true;
  std::size_t props_end_ = 0, props_null_at_ = std::string::npos;
  bool geometry_member_ = false, geometry_seen_ = false;
  std::size_t geometry_depth_ = 0;
  std::string geometry_type_;
  bool coordinates_array_ = false;
  CoordinateTokens coordinates_;
};
}  // namespace

UploadReport join_geojson_upload(const Catalog& catalog, std::string_view text, std::string& out,
                                 const UploadLimits& limits) {
  GeoJsonJoiner joiner(catalog, out, limits);
  nlohmann::json::sax_parse(text.begin(), text.end(), &joiner);
  return joiner.finish();
}

}  // namespace layers
