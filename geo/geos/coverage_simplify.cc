#include "geo/geos/coverage_simplify.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <unordered_map>

namespace geo {

namespace {

constexpr double kKeep = std::numeric_limits<double>::infinity();

std::uint64_t mix(std::uint64_t h) {  // splitmix64's finaliser
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

std::uint64_t xy_hash(double x, double y) {
  std::uint64_t a, b;
  std::memcpy(&a, &x, 8);
  std::memcpy(&b, &y, 8);
  return mix(a ^ mix(b));
}

// Unique vertices by exact coordinates, ids in first-seen order: an open
// addressing table of ids into xy (a node-based map allocated per vertex
// and was most of the tileset's build time).
class VertexTable {
 public:
  VertexTable(std::vector<double>& xy, std::size_t points) : xy_(xy) {
    std::size_t cap = 16;
    while (cap < 2 * points) cap *= 2;
    slots_.assign(cap, kEmpty);
    xy_.reserve(2 * points);
  }
  std::uint32_t id(double x, double y) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t h = xy_hash(x, y) & mask;; h = (h + 1) & mask) {
      const std::uint32_t v = slots_[h];
      if (v == kEmpty) {
        const auto n = static_cast<std::uint32_t>(xy_.size() / 2);
        slots_[h] = n;
        xy_.push_back(x);
        xy_.push_back(y);
        return n;
      }
      if (xy_[2 * v] == x && xy_[2 * v + 1] == y) return v;
    }
  }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  std::vector<double>& xy_;
  std::vector<std::uint32_t> slots_;
};

// Squared distance from p to segment ab.
double segment_distance2(const double* p, const double* a, const double* b) {
  double x = a[0], y = a[1];
  double dx = b[0] - x, dy = b[1] - y;
  if (dx != 0 || dy != 0) {
    const double t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

}  // namespace

CoverageTopology::CoverageTopology(const std::vector<std::vector<FlatPolygon>>& features) {
  // 1. Unique vertices and each ring as vertex ids, without repeats or closure.
  std::size_t points = 0;
  for (const auto& feature : features)
    for (const FlatPolygon& p : feature)
      for (const std::vector<double>& r : p.rings) points += r.size() / 2;
  VertexTable table(xy_, points);
  auto vertex = [&](double x, double y) { return table.id(x, y); };
  using IdRing = std::vector<std::uint32_t>;
  std::vector<std::vector<std::vector<IdRing>>> rings(features.size());
  for (std::size_t f = 0; f < features.size(); ++f)
    for (const FlatPolygon& p : features[f]) {
      std::vector<IdRing> poly;
      for (const std::vector<double>& r : p.rings) {
        IdRing ids_ring;
        for (std::size_t k = 0; k + 1 < r.size(); k += 2) {
          const std::uint32_t v = vertex(r[k], r[k + 1]);
          if (ids_ring.empty() || ids_ring.back() != v) ids_ring.push_back(v);
        }
        while (ids_ring.size() > 1 && ids_ring.front() == ids_ring.back()) ids_ring.pop_back();
        poly.push_back(std::move(ids_ring));
      }
      rings[f].push_back(std::move(poly));
    }

  // 2. Junctions: vertices with more than two distinct neighbours.
  const std::size_t n = xy_.size() / 2;
  std::vector<std::uint32_t> nb1(n, UINT32_MAX), nb2(n, UINT32_MAX);
  std::vector<bool> junction(n, false);
  auto add_neighbour = [&](std::uint32_t v, std::uint32_t w) {
    if (junction[v] || nb1[v] == w || nb2[v] == w) return;
    if (nb1[v] == UINT32_MAX)
      nb1[v] = w;
    else if (nb2[v] == UINT32_MAX)
      nb2[v] = w;
    else
      junction[v] = true;
  };
  for (const auto& feature : rings)
    for (const auto& poly : feature)
      for (const IdRing& r : poly)
        for (std::size_t k = 0; k < r.size(); ++k) {
          const std::uint32_t a = r[k], b = r[(k + 1) % r.size()];
          add_neighbour(a, b);
          add_neighbour(b, a);
        }

  // 3. Cut rings at junctions into arcs, each stored once in a canonical direction.
  // Arcs by the hash of their vertices in canonical direction; equal hashes are compared whole.
  std::unordered_multimap<std::uint64_t, std::uint32_t> arc_ids;
  auto arc_id = [&](const std::vector<std::uint32_t>& seq, bool reversed) {
    std::uint64_t h = 1469598103934665603ull;
    auto same = [&](const Arc& a) {
      return reversed ? std::equal(a.vertices.begin(), a.vertices.end(), seq.rbegin(), seq.rend())
                      : std::equal(a.vertices.begin(), a.vertices.end(), seq.begin(), seq.end());
    };
    if (reversed)
      for (auto it = seq.rbegin(); it != seq.rend(); ++it) h = (h ^ *it) * 1099511628211ull;
    else
      for (std::uint32_t x : seq) h = (h ^ x) * 1099511628211ull;
    const auto [first, last] = arc_ids.equal_range(h);
    for (auto it = first; it != last; ++it)
      if (same(arcs_[it->second])) return it->second;
    const auto id = static_cast<std::uint32_t>(arcs_.size());
    arcs_.push_back(Arc{reversed ? std::vector<std::uint32_t>(seq.rbegin(), seq.rend()) : seq, {}});
    arc_ids.emplace(h, id);
    return id;
  };
  auto lower_vertex = [&](std::uint32_t a, std::uint32_t b) {
    return xy_[2 * a] < xy_[2 * b] || (xy_[2 * a] == xy_[2 * b] && xy_[2 * a + 1] < xy_[2 * b + 1]);
  };
  features_.resize(features.size());
  for (std::size_t f = 0; f < rings.size(); ++f)
    for (const auto& poly : rings[f]) {
      TopoPolygon tp;
      for (const IdRing& r : poly) {
        TopoRing tr;
        if (r.size() >= 3) {
          // Start at the first junction; a ring with none starts at its lowest
          // vertex, which any ring sharing it whole picks as well.
          std::size_t start = r.size();
          for (std::size_t k = 0; k < r.size(); ++k)
            if (junction[r[k]]) {
              start = k;
              break;
            }
          if (start == r.size()) {
            start = 0;
            for (std::size_t k = 1; k < r.size(); ++k)
              if (lower_vertex(r[k], r[start])) start = k;
          }
          std::vector<std::uint32_t> seq;
          for (std::size_t step = 0; step <= r.size(); ++step) {
            const std::uint32_t v = r[(start + step) % r.size()];
            seq.push_back(v);
            const bool cut = step == r.size() || (step > 0 && junction[v]);
            if (!cut) continue;
            const bool reversed = std::lexicographical_compare(seq.rbegin(), seq.rend(), seq.begin(), seq.end());
            tr.push_back(ArcUse{arc_id(seq, reversed), reversed});
            seq.assign(1, v);
          }
        }
        tp.push_back(std::move(tr));
      }
      features_[f].push_back(std::move(tp));
    }
  for (Arc& a : arcs_) rank_arc(a);
}

void CoverageTopology::rank_arc(Arc& arc) const {
  const std::size_t n = arc.vertices.size();
  arc.rank2.assign(n, 0);
  arc.rank2.front() = arc.rank2.back() = kKeep;
  auto at = [&](std::size_t k) { return &xy_[2 * arc.vertices[k]]; };
  // Ranks are capped by the rank of the span that contains them, so the set
  // kept at a tolerance is exactly what Douglas-Peucker keeps at it.
  struct Span {
    std::size_t first, last;
    double cap;
  };
  std::vector<Span> stack;
  if (n > 2 && arc.vertices.front() == arc.vertices.back()) {
    // A closed arc: split at the vertex farthest from its start.
    std::size_t far = 1;
    double best = -1;
    for (std::size_t k = 1; k + 1 < n; ++k) {
      const double dx = at(k)[0] - at(0)[0], dy = at(k)[1] - at(0)[1];
      if (dx * dx + dy * dy > best) {
        best = dx * dx + dy * dy;
        far = k;
      }
    }
    arc.rank2[far] = best;
    stack.push_back({0, far, best});
    stack.push_back({far, n - 1, best});
  } else {
    stack.push_back({0, n - 1, kKeep});
  }
  while (!stack.empty()) {
    const Span s = stack.back();
    stack.pop_back();
    if (s.last <= s.first + 1) continue;
    std::size_t best_k = s.first + 1;
    double best = -1;
    for (std::size_t k = s.first + 1; k < s.last; ++k) {
      const double d = segment_distance2(at(k), at(s.first), at(s.last));
      if (d > best) {
        best = d;
        best_k = k;
      }
    }
    const double r = std::min(best, s.cap);
    arc.rank2[best_k] = r;
    stack.push_back({s.first, best_k, r});
    stack.push_back({best_k, s.last, r});
  }
}

std::vector<std::vector<FlatPolygon>> CoverageTopology::simplified(double tolerance) const {
  return std::move(simplified(std::vector<double>{tolerance})[0]);
}

std::vector<std::vector<std::vector<FlatPolygon>>> CoverageTopology::simplified(
    const std::vector<double>& tolerances) const {
  // Finest first: what a tolerance keeps is a subset of what any finer one
  // keeps, so each pass filters the previous pass's survivors only.
  std::vector<std::size_t> order(tolerances.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return tolerances[a] < tolerances[b]; });
  std::vector<std::vector<std::vector<FlatPolygon>>> out(tolerances.size());
  std::vector<std::vector<std::uint32_t>> kept(arcs_.size());  // positions along each arc
  for (std::size_t a = 0; a < arcs_.size(); ++a) {
    kept[a].resize(arcs_[a].vertices.size());
    for (std::uint32_t k = 0; k < kept[a].size(); ++k) kept[a][k] = k;
  }
  for (std::size_t i : order) {
    const double t2 = tolerances[i] * tolerances[i];
    for (std::size_t a = 0; a < arcs_.size(); ++a) {
      const std::vector<double>& rank2 = arcs_[a].rank2;
      std::erase_if(kept[a], [&](std::uint32_t k) { return rank2[k] < t2 && rank2[k] != kKeep; });
    }
    out[i] = assemble(kept);
  }
  return out;
}

std::vector<std::vector<FlatPolygon>> CoverageTopology::assemble(
    const std::vector<std::vector<std::uint32_t>>& kept) const {
  std::vector<std::vector<FlatPolygon>> out(features_.size());
  std::vector<std::uint32_t> ring;
  for (std::size_t f = 0; f < features_.size(); ++f)
    for (const TopoPolygon& tp : features_[f]) {
      FlatPolygon poly;
      for (std::size_t r = 0; r < tp.size(); ++r) {
        ring.clear();
        for (const ArcUse& use : tp[r]) {
          const std::vector<std::uint32_t>& vertices = arcs_[use.arc].vertices;
          const std::vector<std::uint32_t>& ks = kept[use.arc];
          auto add = [&](std::uint32_t k) {
            if (ring.empty() || ring.back() != vertices[k]) ring.push_back(vertices[k]);
          };
          if (use.reversed)
            for (auto it = ks.rbegin(); it != ks.rend(); ++it) add(*it);
          else
            for (std::uint32_t k : ks) add(k);
        }
        // ring is closed (first == last); three distinct points need four entries.
        if (ring.size() < 4) {
          if (r == 0) break;
          continue;
        }
        std::vector<double> xy;
        xy.reserve(ring.size() * 2);
        for (std::uint32_t v : ring) {
          xy.push_back(xy_[2 * v]);
          xy.push_back(xy_[2 * v + 1]);
        }
        poly.rings.push_back(std::move(xy));
      }
      if (!poly.rings.empty()) out[f].push_back(std::move(poly));
    }
  return out;
}

}  // namespace geo
