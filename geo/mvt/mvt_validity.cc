#include "geo/mvt/mvt_validity.h"

#include <algorithm>
#include <cmath>
#include <climits>
#include <cstdint>

namespace geo {

namespace {

struct Pt {
  std::int64_t x, y;
};

// The segment from pts[a] to pts[a + 1], with its box; small, since the
// sweep sorts one per edge of every polygon of a cold tile.
struct Segment {
  std::int32_t min_x, max_x, min_y, max_y;
  std::uint32_t a, ring, index;  // index of the segment within its ring
};

// Buffers reused per thread: allocating them per polygon was a large part
// of the check.
struct Scratch {
  std::vector<Pt> pts;                   // every ring, closed, one after another
  std::vector<std::uint32_t> ring_start;  // ring r is pts[ring_start[r], ring_start[r + 1])
  std::vector<std::uint32_t> first_ring;  // the exterior of each part
  std::vector<Segment> segs, sorted;
  std::vector<std::uint32_t> counts;
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// Coordinates beyond this are not proven (they must fit in 32 bits, and
// products in 64).
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

enum class Contact { none, crossing, touching };

// Whether the closed segments a-b and c-d meet: crossing at a point inside
// both, or touching otherwise (an end on the other, or overlapping).
Contact contact(const Pt& a, const Pt& b, const Pt& c, const Pt& d) {
  const int o1 = orientation(a, b, c), o2 = orientation(a, b, d);
  const int o3 = orientation(c, d, a), o4 = orientation(c, d, b);
  if (o1 * o2 < 0 && o3 * o4 < 0) return Contact::crossing;
  const bool touching = (o1 == 0 && on_segment(a, b, c)) || (o2 == 0 && on_segment(a, b, d)) ||
                        (o3 == 0 && on_segment(c, d, a)) || (o4 == 0 && on_segment(c, d, b));
  return touching ? Contact::touching : Contact::none;
}

// p strictly inside the closed ring ring[0, n) (p is known not to lie on it).
bool inside_ring(const Pt* ring, std::size_t n, const Pt& p) {
  bool in = false;
  for (std::size_t k = 0; k + 1 < n; ++k) {
    const Pt& a = ring[k];
    const Pt& b = ring[k + 1];
    if ((a.y > p.y) == (b.y > p.y)) continue;
    const std::int64_t lhs = (p.x - a.x) * (b.y - a.y), rhs = (p.y - a.y) * (b.x - a.x);
    if (b.y > a.y ? lhs < rhs : lhs > rhs) in = !in;
  }
  return in;
}

// sc.segs in order of min x (ties in any order: the sweep's answer does
// not depend on it). On the tile grid, x spans a few thousand units, so a
// counting sort is used when the span is small next to the count.
const std::vector<Segment>& sorted_by_min_x(Scratch& sc, std::int32_t lo_x, std::int32_t hi_x) {
  std::vector<Segment>& segs = sc.segs;
  const std::uint64_t span = static_cast<std::uint64_t>(std::int64_t{hi_x} - lo_x) + 1;
  if (segs.size() < 32 || span > 4 * segs.size()) {
    std::sort(segs.begin(), segs.end(), [](const Segment& s, const Segment& t) { return s.min_x < t.min_x; });
    return segs;
  }
  std::vector<std::uint32_t>& counts = sc.counts;
  counts.assign(span + 1, 0);
  for (const Segment& s : segs) ++counts[static_cast<std::size_t>(s.min_x - lo_x) + 1];
  for (std::size_t k = 1; k <= span; ++k) counts[k] += counts[k - 1];
  sc.sorted.resize(segs.size());
  for (const Segment& s : segs) sc.sorted[counts[static_cast<std::size_t>(s.min_x - lo_x)]++] = s;
  return sc.sorted;
}

// Whether the polygons `parts[0..count)` are proven valid, each alone and
// together as a MultiPolygon (no boundaries meet, and no polygon lies inside
// another), proven invalid, or neither.
Validity check(const FlatPolygon* parts, std::size_t count) {
  if (count == 0) return Validity::unknown;
  Scratch& sc = scratch();
  std::vector<Pt>& pts = sc.pts;
  std::vector<std::uint32_t>& ring_start = sc.ring_start;
  std::vector<std::uint32_t>& first_ring = sc.first_ring;
  pts.clear();
  ring_start.clear();
  first_ring.clear();
  for (std::size_t part = 0; part < count; ++part) {
    if (parts[part].rings.empty()) return Validity::unknown;
    first_ring.push_back(static_cast<std::uint32_t>(ring_start.size()));
    for (const std::vector<double>& r : parts[part].rings) {
      if (r.size() < 8 || r.size() % 2 != 0) return Validity::unknown;  // four points, three segments
      const std::size_t begin = pts.size();
      ring_start.push_back(static_cast<std::uint32_t>(begin));
      for (std::size_t k = 0; k < r.size(); k += 2) {
        if (!(std::fabs(r[k]) < kMaxCoordinate && std::fabs(r[k + 1]) < kMaxCoordinate)) return Validity::unknown;
        if (r[k] != std::round(r[k]) || r[k + 1] != std::round(r[k + 1])) return Validity::unknown;
        pts.push_back({static_cast<std::int64_t>(r[k]), static_cast<std::int64_t>(r[k + 1])});
      }
      const Pt* ring = pts.data() + begin;
      const std::size_t n = pts.size() - begin - 1;  // segments
      if (ring[0].x != ring[n].x || ring[0].y != ring[n].y) return Validity::unknown;
      // Consecutive edges (the closing one included) must not fold back onto each other.
      for (std::size_t k = 0; k < n; ++k) {
        const Pt& a = ring[k];
        const Pt& b = ring[k + 1];
        const Pt& c = ring[(k + 1) % n + 1];  // end of the next edge
        if (a.x == b.x && a.y == b.y) return Validity::unknown;
        const std::int64_t cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
        const std::int64_t dot = (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y);
        if (cross == 0 && dot < 0) return Validity::invalid;  // a spike: the edges overlap
        if (cross == 0 && dot == 0) return Validity::unknown;
      }
    }
  }
  const std::size_t ring_count = ring_start.size();
  if (ring_count > 64) return Validity::unknown;  // the ring tests below are quadratic in rings
  ring_start.push_back(static_cast<std::uint32_t>(pts.size()));
  first_ring.push_back(static_cast<std::uint32_t>(ring_count));

  // No two non-consecutive edges of any rings share a point: a sweep along x.
  std::vector<Segment>& segs = sc.segs;
  segs.clear();
  std::int32_t lo_x = INT32_MAX, hi_x = INT32_MIN;
  for (std::uint32_t r = 0; r < ring_count; ++r)
    for (std::uint32_t a = ring_start[r]; a + 1 < ring_start[r + 1]; ++a) {
      const Pt& p = pts[a];
      const Pt& q = pts[a + 1];
      const Segment s{static_cast<std::int32_t>(std::min(p.x, q.x)), static_cast<std::int32_t>(std::max(p.x, q.x)),
                      static_cast<std::int32_t>(std::min(p.y, q.y)), static_cast<std::int32_t>(std::max(p.y, q.y)),
                      a, r, a - ring_start[r]};
      lo_x = std::min(lo_x, s.min_x);
      hi_x = std::max(hi_x, s.min_x);
      segs.push_back(s);
    }
  const std::vector<Segment>& sorted = sorted_by_min_x(sc, lo_x, hi_x);
  // Past this many candidate pairs the sweep is degenerate (long runs along x): leave it to GEOS.
  std::size_t budget = 64 * sorted.size() + 4096;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Segment& s = sorted[i];
    for (std::size_t j = i + 1; j < sorted.size() && sorted[j].min_x <= s.max_x; ++j) {
      const Segment& t = sorted[j];
      if (t.max_y < s.min_y || t.min_y > s.max_y) continue;
      if (budget-- == 0) return Validity::unknown;
      if (s.ring == t.ring) {
        const std::uint32_t last = ring_start[s.ring + 1] - ring_start[s.ring] - 2;
        const std::uint32_t lo = std::min(s.index, t.index), hi = std::max(s.index, t.index);
        if (hi == lo + 1 || (lo == 0 && hi == last)) continue;  // consecutive: checked above
      }
      const Contact c = contact(pts[s.a], pts[s.a + 1], pts[t.a], pts[t.a + 1]);
      // Rings must not cross, and a ring must not touch itself; a ring
      // touching another ring at one point is valid, and left to GEOS.
      if (c == Contact::crossing || (c == Contact::touching && s.ring == t.ring)) return Validity::invalid;
      if (c == Contact::touching) return Validity::unknown;
    }
  }

  // Rings are now disjoint: each lies wholly inside or outside any other ring.
  auto inside = [&](std::size_t ring, const Pt& p) {
    return inside_ring(pts.data() + ring_start[ring], ring_start[ring + 1] - ring_start[ring], p);
  };
  for (std::size_t part = 0; part < count; ++part) {
    const std::size_t shell = first_ring[part], end = first_ring[part + 1];
    for (std::size_t h = shell + 1; h < end; ++h) {
      const Pt& first = pts[ring_start[h]];
      if (!inside(shell, first)) return Validity::invalid;  // a hole outside its shell
      for (std::size_t o = shell + 1; o < end; ++o)
        if (o != h && inside(o, first)) return Validity::invalid;  // nested holes
    }
    // A shell inside another part's shell is refused, even where it would
    // be valid (inside that part's hole).
    for (std::size_t other = 0; other < count; ++other)
      if (other != part && inside(first_ring[other], pts[ring_start[shell]])) return Validity::unknown;
  }
  return Validity::valid;
}

}  // namespace

Validity quick_validity(const FlatPolygon& polygon) { return check(&polygon, 1); }

bool surely_valid(const FlatPolygon& polygon) { return check(&polygon, 1) == Validity::valid; }

bool surely_valid(const std::vector<FlatPolygon>& polygons) {
  return check(polygons.data(), polygons.size()) == Validity::valid;
}

}  // namespace geo
