#include "layers/edit/feature_geometry.h"

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "geo/geos/coordinate_geometry.h"
#include "geo/error.h"
#include "layers/join/upload_geometry.h"

namespace layers::edit {

namespace {

using Rings = std::vector<std::vector<double>>;

std::string number_text(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// Walks the coordinates arrays, counting positions against the limit, and
// collects them as interleaved x, y in the body's CRS.
class CoordinateReader {
 public:
  explicit CoordinateReader(std::size_t max_vertices) : max_vertices_(max_vertices) {}

  void position(const Json& p, const std::string& where, std::vector<double>& xy) {
    if (!p.is_array() || p.size() < 2 || p.size() > 3 || !p[0].is_number() || !p[1].is_number() ||
        (p.size() == 3 && !p[2].is_number()))
      throw BadBody(Fault::invalid, where + ": a position must be an array of 2 or 3 numbers");
    if (++vertices_ > max_vertices_)
      throw BadBody(Fault::too_large,
                    "the geometry has more than " + std::to_string(max_vertices_) + " positions, the limit");
    xy.push_back(p[0].get<double>());
    xy.push_back(p[1].get<double>());
  }

  std::vector<double> positions(const Json& a, const std::string& where) {
    array(a, where);
    std::vector<double> xy;
    for (std::size_t i = 0; i < a.size(); ++i) position(a[i], where + "/" + std::to_string(i), xy);
    return xy;
  }

  Rings rings(const Json& a, const std::string& where) {
    array(a, where);
    if (a.empty()) throw BadBody(Fault::invalid, where + ": a polygon needs at least one ring");
    Rings out;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string at = where + "/" + std::to_string(i);
      std::vector<double> ring = positions(a[i], at);
      if (ring.size() < 8) throw BadBody(Fault::invalid, at + ": a polygon ring needs at least 4 positions");
      if (ring[0] != ring[ring.size() - 2] || ring[1] != ring[ring.size() - 1])
        throw BadBody(Fault::invalid, at + ": a polygon ring must end where it starts");
      out.push_back(std::move(ring));
    }
    return out;
  }

  static void array(const Json& a, const std::string& where) {
    if (!a.is_array()) throw BadBody(Fault::invalid, where + " must be an array");
  }

 private:
  std::size_t max_vertices_;
  std::size_t vertices_ = 0;
};

// Positions in crs to lon/lat, each checked to be one.
void to_lonlat(std::vector<double>& xy, const Crs& crs, const std::string& where) {
  if (crs.lat_first)
    for (std::size_t i = 0; i + 1 < xy.size(); i += 2) std::swap(xy[i], xy[i + 1]);
  if (const geo::ProjTransform* t = transform_to_crs84(crs)) {
    try {
      t->transform(xy);
    } catch (const geo::ProjError&) {
      throw BadBody(Fault::invalid, where + ": a position has no image in longitude and latitude");
    }
  }
  for (std::size_t i = 0; i + 1 < xy.size(); i += 2)
    if (!std::isfinite(xy[i]) || !std::isfinite(xy[i + 1]) || std::abs(xy[i]) > 180 || std::abs(xy[i + 1]) > 90) {
      // Built with += : GCC 12 at -O3 warns falsely (-Wrestrict, bug 105329) on "literal" + std::string.
      std::string lonlat = "[";
      lonlat += number_text(xy[i]);
      lonlat += ", ";
      lonlat += number_text(xy[i + 1]);
      lonlat += ']';
      throw BadBody(Fault::invalid, where + ": position " + lonlat + (crs.is_crs84() ? "" : " (in CRS84)") +
                                        " is not a longitude and latitude");
    }
}

geo::Geometry polygon(Rings rings, const Crs& crs, const std::string& where) {
  for (auto& r : rings) to_lonlat(r, crs, where);
  try {
    return geo::polygon_from_rings(rings);
  } catch (const geo::Error& e) {
    throw BadBody(Fault::invalid, where + ": unreadable polygon (" + upload::short_reason(e.what()) + ")");
  }
}

}  // namespace

geo::Geometry read_feature_geometry(const Json& geometry, const Crs& crs, std::size_t max_vertices) {
  if (!geometry.is_object()) throw BadBody(Fault::invalid, "/geometry must be a GeoJSON geometry object or null");
  const auto type_it = geometry.find("type");
  if (type_it == geometry.end() || !type_it->is_string())
    throw BadBody(Fault::invalid, "/geometry/type must be Point, MultiPoint, Polygon or MultiPolygon");
  const std::string& type = type_it->get_ref<const std::string&>();
  if (type == "LineString" || type == "MultiLineString" || type == "GeometryCollection")
    throw BadBody(Fault::invalid, "geometry type " + type + " is not supported: a footprint is points or polygons");
  if (type != "Point" && type != "MultiPoint" && type != "Polygon" && type != "MultiPolygon")
    throw BadBody(Fault::invalid, "/geometry/type " + upload::excerpt(type) + " is not a GeoJSON geometry type");
  const auto coordinates = geometry.find("coordinates");
  if (coordinates == geometry.end()) throw BadBody(Fault::invalid, "/geometry/coordinates is missing");
  const std::string where = "/geometry/coordinates";
  CoordinateReader reader(max_vertices);
  if (type == "Point") {
    std::vector<double> xy;
    reader.position(*coordinates, where, xy);
    to_lonlat(xy, crs, where);
    return geo::Geometry::point(xy[0], xy[1]);
  }
  if (type == "MultiPoint") {
    std::vector<double> xy = reader.positions(*coordinates, where);
    to_lonlat(xy, crs, where);
    return geo::multi_point_from_xy(xy);
  }
  if (type == "Polygon") return polygon(reader.rings(*coordinates, where), crs, where);
  CoordinateReader::array(*coordinates, where);
  std::vector<Rings> parts;
  for (std::size_t i = 0; i < coordinates->size(); ++i)
    parts.push_back(reader.rings((*coordinates)[i], where + "/" + std::to_string(i)));
  std::vector<geo::Geometry> polygons;
  for (std::size_t i = 0; i < parts.size(); ++i)
    polygons.push_back(polygon(std::move(parts[i]), crs, where + "/" + std::to_string(i)));
  return geo::Geometry::multi_polygon(std::move(polygons));
}

}  // namespace layers::edit
