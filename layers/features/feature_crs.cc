#include "layers/features/feature_crs.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "geo/error.h"
#include "geo/geos/geometry_ops.h"

namespace layers {

const std::vector<Crs>& supported_crs() {
  static const std::vector<Crs> kAll = {
      {"http://www.opengis.net/def/crs/OGC/1.3/CRS84", "OGC:CRS84", false, false},
      {"http://www.opengis.net/def/crs/EPSG/0/4326", "EPSG:4326", true, false},
      {"http://www.opengis.net/def/crs/EPSG/0/3857", "EPSG:3857", false, true},
      {"http://www.opengis.net/def/crs/EPSG/0/32718", "EPSG:32718", false, true},
      {"http://www.opengis.net/def/crs/EPSG/0/32719", "EPSG:32719", false, true},
  };
  return kAll;
}

const Crs& crs84() { return supported_crs().front(); }

const Crs* find_crs(std::string_view uri) {
  std::string_view s = uri;
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  for (const Crs& c : supported_crs()) {
    if (s == c.uri || s == c.proj) return &c;
    // https and the CRS84 "OGC/0" spelling are seen in the wild.
    if (s.substr(0, 8) == "https://" && s.substr(8) == std::string_view(c.uri).substr(7)) return &c;
  }
  if (s == "http://www.opengis.net/def/crs/OGC/0/CRS84" || s == "CRS84") return &crs84();
  return nullptr;
}

const geo::ProjTransform* transform_from_crs84(const Crs& crs) {
  if (!crs.projected) return nullptr;
  // PROJ objects belong to the thread that made them: one cache per thread.
  thread_local std::map<std::string, std::unique_ptr<geo::ProjTransform>> cache;
  auto& t = cache[crs.proj];
  if (!t) t = std::make_unique<geo::ProjTransform>("OGC:CRS84", crs.proj);
  return t.get();
}

const geo::ProjTransform* transform_to_crs84(const Crs& crs) {
  if (!crs.projected) return nullptr;
  thread_local std::map<std::string, std::unique_ptr<geo::ProjTransform>> cache;
  auto& t = cache[crs.proj];
  if (!t) t = std::make_unique<geo::ProjTransform>(crs.proj, "OGC:CRS84");
  return t.get();
}

geo::Envelope box_to_crs84(const Crs& crs, double a0, double a1, double b0, double b1) {
  // (a0, a1) lower corner and (b0, b1) upper corner in the CRS's axis order.
  double x0 = a0, y0 = a1, x1 = b0, y1 = b1;
  if (crs.lat_first) {
    std::swap(x0, y0);
    std::swap(x1, y1);
  }
  const geo::ProjTransform* t = transform_to_crs84(crs);
  if (!t) return geo::Envelope{x0, y0, x1, y1};
  constexpr int kSteps = 16;
  std::vector<double> xy;
  for (int i = 0; i <= kSteps; ++i) {
    const double fx = x0 + (x1 - x0) * i / kSteps, fy = y0 + (y1 - y0) * i / kSteps;
    for (double p : {fx, y0, fx, y1, x0, fy, x1, fy}) xy.push_back(p);
  }
  t->transform(xy);
  geo::Envelope e = geo::Envelope::empty();
  e.expand(xy);
  return e;
}

geo::Geometry geometry_to_crs84(const Crs& crs, const geo::Geometry& g) {
  if (crs.is_crs84()) return g.clone();
  if (crs.lat_first)
    return geo::map_positions(g, [](double& x, double& y) {
      std::swap(x, y);
      return true;
    });
  const geo::ProjTransform* t = transform_to_crs84(crs);
  const geo::Envelope e = g.envelope();
  const double extent = std::max(e.max_x - e.min_x, e.max_y - e.min_y);
  const geo::Geometry dense = extent > 0 ? geo::densified(g, extent / 64) : g.clone();
  return geo::map_positions(dense, [t](double& x, double& y) {
    try {
      t->transform(x, y);
      return std::isfinite(x) && std::isfinite(y);
    } catch (const geo::Error&) {
      return false;  // GEOS gets a refusal, not an exception through its C frames
    }
  });
}

}  // namespace layers
