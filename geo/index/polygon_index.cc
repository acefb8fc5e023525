#include "geo/index/polygon_index.h"

#include <algorithm>
#include <cmath>

#include "geo/error.h"
#include "geo/geos/geometry_ops.h"
#include "geo/geos/prepared_geometry.h"

namespace geo {

namespace {
// Squared distance from (px, py) to segment e, in a frame where x is already
// scaled; used for short distances around one point.
double segment_distance2(double px, double py, double x1, double y1, double x2, double y2) {
  const double dx = x2 - x1, dy = y2 - y1;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - x1) * dx + (py - y1) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double qx = x1 + t * dx - px, qy = y1 + t * dy - py;
  return qx * qx + qy * qy;
}
}  // namespace

PolygonIndex::Part PolygonIndex::build_part(const std::vector<std::vector<double>>& rings) {
  Part part;
  bool first = true;
  for (const auto& ring : rings) {
    for (std::size_t i = 0; i + 3 < ring.size(); i += 2) {
      Edge e{ring[i], ring[i + 1], ring[i + 2], ring[i + 3]};
      if (e.x1 == e.x2 && e.y1 == e.y2) continue;
      part.edges.push_back(e);
      Envelope eb{std::min(e.x1, e.x2), std::min(e.y1, e.y2), std::max(e.x1, e.x2), std::max(e.y1, e.y2)};
      if (first) part.box = eb, first = false;
      else part.box.expand(eb);
    }
  }
  // About eight edges per band keeps each crossing test short.
  const std::size_t bands = std::clamp<std::size_t>(part.edges.size() / 8, 1, 1 << 14);
  part.band_min_y = part.box.min_y;
  part.band_height = std::max((part.box.max_y - part.box.min_y) / static_cast<double>(bands), 1e-12);
  auto band_of = [&](double y) {
    const auto b = static_cast<std::ptrdiff_t>((y - part.band_min_y) / part.band_height);
    return static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(b, 0, static_cast<std::ptrdiff_t>(bands) - 1));
  };
  std::vector<std::uint32_t> counts(bands + 1, 0);
  for (const Edge& e : part.edges)
    for (std::size_t b = band_of(std::min(e.y1, e.y2)); b <= band_of(std::max(e.y1, e.y2)); ++b) ++counts[b + 1];
  for (std::size_t b = 0; b < bands; ++b) counts[b + 1] += counts[b];
  part.band_start = counts;
  part.band_edges.resize(counts[bands]);
  for (std::uint32_t i = 0; i < part.edges.size(); ++i) {
    const Edge& e = part.edges[i];
    for (std::size_t b = band_of(std::min(e.y1, e.y2)); b <= band_of(std::max(e.y1, e.y2)); ++b)
      part.band_edges[counts[b]++] = i;
  }
  return part;
}

bool PolygonIndex::Part::contains(double x, double y) const {
  if (!box.contains(x, y)) return false;
  const std::size_t bands = band_start.size() - 1;
  auto b = static_cast<std::size_t>((y - band_min_y) / band_height);
  if (b >= bands) b = bands - 1;
  bool inside = false;
  for (std::uint32_t k = band_start[b]; k < band_start[b + 1]; ++k) {
    const Edge& e = edges[band_edges[k]];
    // Even-odd rule: holes and parts of the same polygon cancel out naturally.
    if ((e.y1 > y) != (e.y2 > y) && x < e.x1 + (y - e.y1) * (e.x2 - e.x1) / (e.y2 - e.y1)) inside = !inside;
  }
  return inside;
}

double PolygonIndex::Part::distance2_near(double lon, double lat, double kx, const Envelope& q) const {
  if (!box.intersects(q)) return INFINITY;
  const std::size_t bands = band_start.size() - 1;
  auto band_of = [&](double y) {
    const auto b = static_cast<std::ptrdiff_t>((y - band_min_y) / band_height);
    return static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(b, 0, static_cast<std::ptrdiff_t>(bands) - 1));
  };
  double best = INFINITY;
  const std::size_t last = band_of(q.max_y);
  for (std::size_t b = band_of(q.min_y); b <= last; ++b)
    for (std::uint32_t k = band_start[b]; k < band_start[b + 1]; ++k) {
      const Edge& e = edges[band_edges[k]];
      if (std::max(e.x1, e.x2) < q.min_x || std::min(e.x1, e.x2) > q.max_x || std::max(e.y1, e.y2) < q.min_y ||
          std::min(e.y1, e.y2) > q.max_y)
        continue;
      best = std::min(best, segment_distance2(lon * kx, lat, e.x1 * kx, e.y1, e.x2 * kx, e.y2));
    }
  return best;
}

PolygonIndex::PolygonIndex(std::vector<Geometry> polygons) {
  items_.reserve(polygons.size());
  std::vector<Envelope> boxes;
  for (auto& g : polygons) {
    Item item;
    if (g && !g.is_empty()) {
      if (!g.is_polygonal()) throw GeometryError("PolygonIndex takes polygons only");
      for (const FlatPolygon& fp : flatten_polygons(g)) item.parts.push_back(build_part(fp.rings));
      item.box = g.envelope();
      item.area = g.area();
    } else {
      item.box = Envelope{1, 1, 0, 0};  // inverted: intersects nothing
    }
    item.geometry = std::move(g);
    boxes.push_back(item.box);
    items_.push_back(std::move(item));
  }
  tree_ = BoxTree(boxes);
  std::vector<Envelope> part_boxes;
  for (std::size_t i = 0; i < items_.size(); ++i)
    for (std::size_t k = 0; k < items_[i].parts.size(); ++k) {
      part_refs_.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(k)});
      part_boxes.push_back(items_[i].parts[k].box);
    }
  part_tree_ = BoxTree(part_boxes);
}

bool PolygonIndex::contains(std::size_t id, double x, double y) const {
  for (const Part& p : items_[id].parts)
    if (p.contains(x, y)) return true;
  return false;
}

std::vector<std::size_t> PolygonIndex::containing(double x, double y) const {
  // The items whose box holds the point and one of whose parts holds it.
  std::vector<std::size_t> out;
  const Envelope at{x, y, x, y};
  part_tree_.query(at, [&](std::size_t k) {
    const PartRef r = part_refs_[k];
    if (items_[r.item].box.intersects(at) && items_[r.item].parts[r.part].contains(x, y)) out.push_back(r.item);
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double PolygonIndex::boundary_distance_m(std::size_t id, double lon, double lat) const {
  const double kx = std::cos(lat * M_PI / 180.0);
  double best = INFINITY;
  for (const Part& p : items_[id].parts)
    for (const Edge& e : p.edges)
      best = std::min(best, segment_distance2(lon * kx, lat, e.x1 * kx, e.y1, e.x2 * kx, e.y2));
  return std::sqrt(best) * kMetresPerDegree;
}

std::optional<PolygonIndex::Nearest> PolygonIndex::nearest(double lon, double lat, double max_metres) const {
  const double dy = max_metres / kMetresPerDegree;
  const double dx = dy / std::max(std::cos(lat * M_PI / 180.0), 1e-6);
  const Envelope box{lon - dx, lat - dy, lon + dx, lat + dy};
  // Only edges meeting the box can lie within max_metres; the margin keeps
  // rounding from dropping one at the limit, so the distance is the one
  // boundary_distance_m() gives whenever it is within max_metres.
  const double margin = 1e-9 * (1 + std::abs(lon) + std::abs(lat)) + 1e-6 * dx;
  const Envelope near{box.min_x - margin, box.min_y - margin, box.max_x + margin, box.max_y + margin};
  const double kx = std::cos(lat * M_PI / 180.0);
  // Each item whose box meets the box, with the least distance over its
  // parts that meet the widened box: through the tree of parts, the pairs
  // a walk over items and then each item's parts would visit.
  struct Candidate {
    std::size_t id;
    double d2;
  };
  std::vector<Candidate> candidates;
  part_tree_.query(near, [&](std::size_t k) {
    const PartRef r = part_refs_[k];
    if (!items_[r.item].box.intersects(box)) return;
    const double d2 = items_[r.item].parts[r.part].distance2_near(lon, lat, kx, near);
    for (Candidate& c : candidates)
      if (c.id == r.item) {
        c.d2 = std::min(c.d2, d2);
        return;
      }
    candidates.push_back({r.item, d2});
  });
  std::optional<Nearest> best;
  for (const Candidate& c : candidates) {
    const double d = std::sqrt(c.d2) * kMetresPerDegree;
    if (d <= max_metres && (!best || d < best->metres || (d == best->metres && c.id < best->id)))
      best = Nearest{c.id, d};
  }
  return best;
}

std::vector<PolygonIndex::Overlap> PolygonIndex::overlapping(const Geometry& g) const {
  std::vector<Overlap> out;
  if (!g || g.is_empty()) return out;
  std::lock_guard lock(geos_mutex_);
  const double query_area = g.area();
  PreparedGeometry prepared(g);
  tree_.query(g.envelope(), [&](std::size_t id) {
    const Item& item = items_[id];
    if (!prepared.intersects(item.geometry)) return;
    const double a = intersection_area(g, item.geometry);
    if (a <= 0) return;
    out.push_back({id, a, query_area > 0 ? a / query_area : 0, item.area > 0 ? a / item.area : 0});
  });
  std::sort(out.begin(), out.end(), [](const Overlap& a, const Overlap& b) { return a.id < b.id; });
  return out;
}

}  // namespace geo
