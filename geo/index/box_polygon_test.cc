#include "geo/index/box_polygon_test.h"

#include <algorithm>

#include "geo/geos/geometry_ops.h"

namespace geo {

namespace {

// Segments per chunk: few enough that a chunk's box is tight around a
// hi-res boundary, enough that a query skips most of them box by box.
constexpr std::uint32_t kChunkSegments = 32;

bool inside(const Envelope& inner, const Envelope& outer) {
  return inner.min_x >= outer.min_x && inner.max_x <= outer.max_x && inner.min_y >= outer.min_y &&
         inner.max_y <= outer.max_y;
}

}  // namespace

BoxPolygonTest::BoxPolygonTest(const Geometry& g) {
  if (!g || g.is_empty() || !g.is_polygonal()) return;
  polygonal_ = true;
  for (const FlatPolygon& fp : flatten_polygons(g)) {
    Polygon p;
    p.first_ring = static_cast<std::uint32_t>(rings_.size());
    for (const auto& ring : fp.rings) {
      Ring r;
      r.first_chunk = static_cast<std::uint32_t>(chunks_.size());
      const auto base = static_cast<std::uint32_t>(xy_.size() / 2);
      const auto n = static_cast<std::uint32_t>(ring.size() / 2);
      xy_.insert(xy_.end(), ring.begin(), ring.begin() + 2 * n);
      for (std::uint32_t s = 0; s + 1 < n; s += kChunkSegments) {
        Chunk c;
        c.first = base + s;
        c.last = base + std::min(s + kChunkSegments, n - 1);
        c.box = Envelope{xy_[2 * c.first], xy_[2 * c.first + 1], xy_[2 * c.first], xy_[2 * c.first + 1]};
        for (std::uint32_t v = c.first + 1; v <= c.last; ++v) {
          c.box.min_x = std::min(c.box.min_x, xy_[2 * v]);
          c.box.max_x = std::max(c.box.max_x, xy_[2 * v]);
          c.box.min_y = std::min(c.box.min_y, xy_[2 * v + 1]);
          c.box.max_y = std::max(c.box.max_y, xy_[2 * v + 1]);
        }
        chunks_.push_back(c);
      }
      r.end_chunk = static_cast<std::uint32_t>(chunks_.size());
      rings_.push_back(r);
    }
    p.end_ring = static_cast<std::uint32_t>(rings_.size());
    polygons_.push_back(p);
  }
}

bool BoxPolygonTest::odd_crossings(const Ring& r, double x, double y) const {
  bool odd = false;
  for (std::uint32_t k = r.first_chunk; k < r.end_chunk; ++k) {
    const Chunk& c = chunks_[k];
    // Half-open in y, as below: a chunk wholly above, below or left crosses nothing.
    if (c.box.max_y <= y || c.box.min_y > y || c.box.max_x < x) continue;
    for (std::uint32_t v = c.first; v < c.last; ++v) {
      const double x1 = xy_[2 * v], y1 = xy_[2 * v + 1], x2 = xy_[2 * v + 2], y2 = xy_[2 * v + 3];
      // The segment spans y, and (x, y) is outside its box, so the segment
      // lies wholly right or wholly left of x: no arithmetic, no rounding.
      if ((y1 > y) != (y2 > y) && x < std::min(x1, x2)) odd = !odd;
    }
  }
  return odd;
}

BoxPolygonTest::Answer BoxPolygonTest::test(const Envelope& box) const {
  // A box without area is no polygon for GEOS: its answers are its own.
  if (!polygonal_ || !(box.min_x < box.max_x && box.min_y < box.max_y)) return Answer::unknown;
  bool near = false;  // some segment's box meets the box
  for (const Chunk& c : chunks_) {
    if (!c.box.intersects(box)) continue;
    if (inside(c.box, box)) return Answer::yes;
    for (std::uint32_t v = c.first; v <= c.last; ++v)
      if (box.contains(xy_[2 * v], xy_[2 * v + 1])) return Answer::yes;  // a common point
    for (std::uint32_t v = c.first; !near && v < c.last; ++v) {
      const double x1 = xy_[2 * v], y1 = xy_[2 * v + 1], x2 = xy_[2 * v + 2], y2 = xy_[2 * v + 3];
      near = std::min(x1, x2) <= box.max_x && box.min_x <= std::max(x1, x2) && std::min(y1, y2) <= box.max_y &&
             box.min_y <= std::max(y1, y2);
    }
  }
  // An edge may cross the box between two vertices outside it: GEOS decides.
  if (near) return Answer::unknown;
  // No edge meets the box, so the box lies wholly inside or wholly outside
  // each ring, and one corner tells which.
  for (const Polygon& p : polygons_) {
    if (p.first_ring == p.end_ring || !odd_crossings(rings_[p.first_ring], box.min_x, box.min_y)) continue;
    bool in_hole = false;
    for (std::uint32_t h = p.first_ring + 1; !in_hole && h < p.end_ring; ++h)
      in_hole = odd_crossings(rings_[h], box.min_x, box.min_y);
    if (!in_hole) return Answer::yes;
  }
  return Answer::no;
}

}  // namespace geo
