#include "geo/mvt_validity.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace geo {

namespace {

struct Pt {
  std::int64_t x, y;
};

struct Segment {
  Pt a, b;
  std::int64_t min_x, max_x, min_y, max_y;
  std::uint32_t ring, index;  // index of the segment within its ring
};

// Coordinates beyond this are not proven (products must fit in 64 bits).
constexpr double kMaxCoordinate = 1 << 30;

int orientation(const Pt& a, const Pt& b, const Pt& c) {
  const std::int64_t v = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  return (v > 0) - (v < 0);
}

// p, collinear with a-b, lies on the closed segment a-b.
bool on_segment(const Pt& a, const Pt& b, const Pt& p) {
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}

// The closed segments share at least one point.
bool touch(const Segment& s, const Segment& t) {
  const int o1 = orientation(s.a, s.b, t.a), o2 = orientation(s.a, s.b, t.b);
  const int o3 = orientation(t.a, t.b, s.a), o4 = orientation(t.a, t.b, s.b);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  return (o1 == 0 && on_segment(s.a, s.b, t.a)) || (o2 == 0 && on_segment(s.a, s.b, t.b)) ||
         (o3 == 0 && on_segment(t.a, t.b, s.a)) || (o4 == 0 && on_segment(t.a, t.b, s.b));
}

// p strictly inside the closed ring (p is known not to lie on it).
bool inside_ring(const std::vector<Pt>& ring, const Pt& p) {
  bool in = false;
  for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
    const Pt& a = ring[k];
    const Pt& b = ring[k + 1];
    if ((a.y > p.y) == (b.y > p.y)) continue;
    const std::int64_t lhs = (p.x - a.x) * (b.y - a.y), rhs = (p.y - a.y) * (b.x - a.x);
    if (b.y > a.y ? lhs < rhs : lhs > rhs) in = !in;
  }
  return in;
}

// The polygons `parts[0..count)` are proven valid, each alone and together
// as a MultiPolygon: no boundaries meet, and no polygon lies inside another.
bool proven(const FlatPolygon* parts, std::size_t count) {
  if (count == 0) return false;
  std::vector<std::vector<Pt>> rings;
  std::vector<std::size_t> first_ring;  // index in `rings` of each part's exterior
  std::size_t segment_count = 0;
  for (std::size_t part = 0; part < count; ++part) {
    if (parts[part].rings.empty()) return false;
    first_ring.push_back(rings.size());
    for (const std::vector<double>& r : parts[part].rings) {
      if (r.size() < 8 || r.size() % 2 != 0) return false;  // four points, three segments
      std::vector<Pt> ring;
      ring.reserve(r.size() / 2);
      for (std::size_t k = 0; k < r.size(); k += 2) {
        if (!(std::fabs(r[k]) < kMaxCoordinate && std::fabs(r[k + 1]) < kMaxCoordinate)) return false;
        if (r[k] != std::round(r[k]) || r[k + 1] != std::round(r[k + 1])) return false;
        ring.push_back({static_cast<std::int64_t>(r[k]), static_cast<std::int64_t>(r[k + 1])});
      }
      if (ring.front().x != ring.back().x || ring.front().y != ring.back().y) return false;
      // Consecutive edges (the closing one included) must not fold back onto each other.
      const std::size_t n = ring.size() - 1;  // segments
      for (std::size_t k = 0; k < n; ++k) {
        const Pt& a = ring[k];
        const Pt& b = ring[k + 1];
        const Pt& c = ring[(k + 1) % n + 1];  // end of the next edge
        if (a.x == b.x && a.y == b.y) return false;
        const std::int64_t cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
        const std::int64_t dot = (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y);
        if (cross == 0 && dot <= 0) return false;
      }
      segment_count += n;
      rings.push_back(std::move(ring));
    }
  }
  first_ring.push_back(rings.size());
  if (rings.size() > 64) return false;  // the ring tests below are quadratic in rings

  // No two non-consecutive edges of any rings share a point: a sweep along x.
  std::vector<Segment> segs;
  segs.reserve(segment_count);
  for (std::uint32_t r = 0; r < rings.size(); ++r)
    for (std::uint32_t k = 0; k + 1 < rings[r].size(); ++k) {
      const Pt& a = rings[r][k];
      const Pt& b = rings[r][k + 1];
      segs.push_back({a, b, std::min(a.x, b.x), std::max(a.x, b.x), std::min(a.y, b.y), std::max(a.y, b.y), r, k});
    }
  std::sort(segs.begin(), segs.end(), [](const Segment& s, const Segment& t) { return s.min_x < t.min_x; });
  // Past this many candidate pairs the sweep is degenerate (long runs along x): leave it to GEOS.
  std::size_t budget = 64 * segs.size() + 4096;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const Segment& s = segs[i];
    for (std::size_t j = i + 1; j < segs.size() && segs[j].min_x <= s.max_x; ++j) {
      const Segment& t = segs[j];
      if (t.max_y < s.min_y || t.min_y > s.max_y) continue;
      if (budget-- == 0) return false;
      if (s.ring == t.ring) {
        const std::uint32_t last = static_cast<std::uint32_t>(rings[s.ring].size() - 2);
        const std::uint32_t lo = std::min(s.index, t.index), hi = std::max(s.index, t.index);
        if (hi == lo + 1 || (lo == 0 && hi == last)) continue;  // consecutive: checked above
      }
      if (touch(s, t)) return false;
    }
  }

  // Rings are now disjoint: each lies wholly inside or outside any other ring.
  for (std::size_t part = 0; part < count; ++part) {
    const std::size_t shell = first_ring[part], end = first_ring[part + 1];
    for (std::size_t h = shell + 1; h < end; ++h) {
      if (!inside_ring(rings[shell], rings[h][0])) return false;
      for (std::size_t o = shell + 1; o < end; ++o)
        if (o != h && inside_ring(rings[o], rings[h][0])) return false;
    }
    // A shell inside another part's shell is refused, even where it would
    // be valid (inside that part's hole).
    for (std::size_t other = 0; other < count; ++other)
      if (other != part && inside_ring(rings[first_ring[other]], rings[shell][0])) return false;
  }
  return true;
}

}  // namespace

bool surely_valid(const FlatPolygon& polygon) { return proven(&polygon, 1); }

bool surely_valid(const std::vector<FlatPolygon>& polygons) { return proven(polygons.data(), polygons.size()); }

}  // namespace geo
