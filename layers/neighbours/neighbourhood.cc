#include "layers/neighbours/neighbourhood.h"

#include <algorithm>
#include <array>
#include <functional>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include "geo/geos/geometry_ops.h"
#include "geo/geos/predicates.h"
#include "geo/geos/prepared_geometry.h"
#include "geo/index/box_tree.h"
#include "geo/proj/geodesic.h"
#include "layers/errors.h"

namespace layers {

std::string_view reach_name(Reach r) { return r == Reach::adjacent ? "adjacent" : "nearest"; }

namespace {

constexpr Level kLevels[] = {Level::region, Level::province, Level::commune};

// A ring segment with its endpoints in a canonical order, as exact coordinates.
using Segment = std::array<double, 4>;
struct SegmentHash {
  std::size_t operator()(const Segment& s) const {
    std::size_t h = 0;
    for (double v : s) h = h * 1000003u ^ std::hash<double>()(v);
    return h;
  }
};

// Pairs (i, j), i < j, of the communes (2018, in catalog order) that touch
// along an edge or overlap. Most neighbours share boundary segments with
// exactly the same coordinates (a coverage cut from one source): a hash of
// the segments finds them at once. The pairs that intersect without such a
// segment (boundaries of different regions, from separate files, overlap
// where they meet; or a single common point) are settled by their DE-9IM
// matrix: interiors meeting in an area (II = 2) or boundaries in a line (BB = 1).
std::vector<std::pair<std::size_t, std::size_t>> adjacent_communes(const Catalog& catalog,
                                                                   const std::vector<const Unit*>& communes) {
  std::vector<const geo::Geometry*> geometry;
  std::vector<geo::Envelope> boxes;
  std::unordered_map<Segment, std::size_t, SegmentHash> first_owner;
  std::set<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < communes.size(); ++i) {
    const geo::Geometry* g = catalog.geometry(Division::d2018, communes[i]->code);
    if (g && g->is_empty()) g = nullptr;
    geometry.push_back(g);
    // A unit with no boundary gets a box no query meets.
    boxes.push_back(g ? g->envelope() : geo::Envelope{1e300, 1e300, 1e300, 1e300});
    if (!g) continue;
    for (const geo::FlatPolygon& p : geo::flatten_polygons(*g))
      for (const auto& ring : p.rings)
        for (std::size_t k = 0; k + 3 < ring.size(); k += 2) {
          Segment s{ring[k], ring[k + 1], ring[k + 2], ring[k + 3]};
          if (std::make_pair(s[2], s[3]) < std::make_pair(s[0], s[1])) s = {s[2], s[3], s[0], s[1]};
          if (s[0] == s[2] && s[1] == s[3]) continue;
          const auto [it, fresh] = first_owner.emplace(s, i);
          if (!fresh && it->second != i) pairs.emplace(std::min(it->second, i), std::max(it->second, i));
        }
  }
  const geo::BoxTree tree(boxes);
  for (std::size_t i = 0; i < communes.size(); ++i) {
    if (!geometry[i]) continue;
    const geo::PreparedGeometry prepared(*geometry[i]);
    std::vector<std::size_t> candidates;
    tree.query(boxes[i], [&](std::size_t j) {
      if (j > i && geometry[j] && !pairs.count({i, j})) candidates.push_back(j);
    });
    std::sort(candidates.begin(), candidates.end());
    for (std::size_t j : candidates) {
      if (!prepared.intersects(*geometry[j])) continue;
      const std::string m = geo::relate_matrix(*geometry[i], *geometry[j]);
      if (m.size() == 9 && (m[0] == '2' || m[4] == '1')) pairs.emplace(i, j);
    }
  }
  return {pairs.begin(), pairs.end()};
}

std::optional<std::pair<double, double>> centroid_of(const geo::Geometry* g) {
  if (!g || g->is_empty()) return std::nullopt;
  const geo::Geometry c = geo::centroid(*g);
  if (!c || c.is_empty()) return std::nullopt;
  double x = 0, y = 0;
  geo::point_xy(c, x, y);
  return std::make_pair(x, y);
}

bool same_codes(const std::vector<const Unit*>& a, const std::vector<const Unit*>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i]->code != b[i]->code) return false;
  return true;
}

}  // namespace

Neighbourhood::Neighbourhood(const Catalog& catalog) {
  // Every unit with its location: its own centroid, else its nearest
  // ancestor's (parents first, so theirs are known: regions, provinces, communes).
  for (Division d : kAllDivisions)
    for (Level level : kLevels) {
      const std::vector<const Unit*> units = catalog.units(d, level);
      for (std::size_t i = 0; i < units.size(); ++i) {
        Entry e;
        e.level_slot = slot(level, d);
        e.index = i;
        e.location = centroid_of(catalog.geometry(d, units[i]->code));
        for (const Unit* p = catalog.parent(d, *units[i]); !e.location && p; p = catalog.parent(d, *p))
          e.location = entries_.at(p).location;
        entries_.emplace(units[i], std::move(e));
      }
      Matrix& m = matrices_[slot(level, d)];
      // Communes are the same in both divisions, by the same codes in the
      // same order (at the same places): the 2007 distances are the 2018 ones.
      if (d == Division::d2007 && level == Level::commune && same_codes(units, catalog.units(Division::d2018, level))) {
        m = matrices_[slot(level, Division::d2018)];
        continue;
      }
      m.n = units.size();
      m.km.assign(m.n * m.n, std::numeric_limits<float>::quiet_NaN());
      for (std::size_t i = 0; i < m.n; ++i) {
        const auto& a = entries_.at(units[i]).location;
        if (!a) continue;
        m.km[i * m.n + i] = 0;
        for (std::size_t j = i + 1; j < m.n; ++j) {
          const auto& b = entries_.at(units[j]).location;
          if (!b) continue;
          const float km = static_cast<float>(geo::geodesic_distance_m(a->first, a->second, b->first, b->second) / 1000);
          m.km[i * m.n + j] = m.km[j * m.n + i] = km;
        }
      }
    }

  // Adjacency: of the communes from their boundaries, of the provinces and
  // regions of each division from their communes'.
  const std::vector<const Unit*> communes = catalog.units(Division::d2018, Level::commune);
  const auto pairs = adjacent_communes(catalog, communes);
  for (Division d : kAllDivisions) {
    std::map<const Unit*, std::set<const Unit*>> adjacent;
    for (const auto& [i, j] : pairs) {
      const Unit* a = catalog.find(d, communes[i]->code);
      const Unit* b = catalog.find(d, communes[j]->code);
      if (!a || !b) continue;
      adjacent[a].insert(b);
      adjacent[b].insert(a);
      for (Level level : {Level::province, Level::region}) {
        const Unit* pa = catalog.ancestor(d, *a, level);
        const Unit* pb = catalog.ancestor(d, *b, level);
        if (!pa || !pb || pa == pb) continue;
        adjacent[pa].insert(pb);
        adjacent[pb].insert(pa);
      }
    }
    for (Level level : kLevels) {
      const std::vector<const Unit*> units = catalog.units(d, level);
      for (const Unit* u : units) {
        Entry& e = entries_.at(u);
        if (const auto it = adjacent.find(u); it != adjacent.end()) {
          std::vector<const Unit*> list(it->second.begin(), it->second.end());
          std::sort(list.begin(), list.end(), [](const Unit* x, const Unit* y) { return x->code < y->code; });
          for (const Unit* v : list) e.neighbours.push_back({v, Reach::adjacent, distance_km(d, *u, *v)});
          continue;
        }
        // No land neighbour: the nearest units, by distance then code.
        std::vector<std::pair<float, const Unit*>> by_distance;
        for (const Unit* v : units)
          if (v != u)
            if (const auto km = distance_km(d, *u, *v)) by_distance.emplace_back(static_cast<float>(*km), v);
        std::sort(by_distance.begin(), by_distance.end(), [](const auto& x, const auto& y) {
          return x.first != y.first ? x.first < y.first : x.second->code < y.second->code;
        });
        if (by_distance.size() > kNearestReach) by_distance.resize(kNearestReach);
        for (const auto& [km, v] : by_distance) e.neighbours.push_back({v, Reach::nearest, distance_km(d, *u, *v)});
      }
    }
  }
}

Neighbourhood::Saved Neighbourhood::saved(const Catalog& catalog) const {
  Saved out;
  for (std::size_t k = 0; k < kParts.size(); ++k) {
    const auto [level, d] = kParts[k];
    SavedSlot& s = out[k];
    for (const Unit* u : catalog.units(d, level)) {
      const Entry& e = entries_.at(u);
      SavedUnit& su = s.units.emplace_back();
      su.location = e.location;
      for (const Neighbour& n : e.neighbours) su.neighbours.emplace_back(n.unit->code, n.reach);
    }
    s.km = matrices_[slot(level, d)].km;
  }
  return out;
}

Neighbourhood::Neighbourhood(const Catalog& catalog, const Saved& saved) {
  for (std::size_t k = 0; k < kParts.size(); ++k) {
    const auto [level, d] = kParts[k];
    const SavedSlot& s = saved[k];
    const std::vector<const Unit*> units = catalog.units(d, level);
    if (s.units.size() != units.size() || s.km.size() != units.size() * units.size())
      throw DataError("neighbourhood: " + std::to_string(s.units.size()) + " units saved for " +
                      std::to_string(units.size()));
    Matrix& m = matrices_[slot(level, d)];
    m.n = units.size();
    m.km = s.km;
    for (std::size_t i = 0; i < units.size(); ++i) {
      Entry e;
      e.level_slot = slot(level, d);
      e.index = i;
      e.location = s.units[i].location;
      entries_.emplace(units[i], std::move(e));
    }
  }
  // The neighbours' distances come from the matrices, as when built.
  for (std::size_t k = 0; k < kParts.size(); ++k) {
    const auto [level, d] = kParts[k];
    const std::vector<const Unit*> units = catalog.units(d, level);
    for (std::size_t i = 0; i < units.size(); ++i) {
      Entry& e = entries_.at(units[i]);
      for (const auto& [code, reach] : saved[k].units[i].neighbours) {
        const Unit* v = catalog.find(d, code);
        if (!v || v->level != level) throw DataError("neighbourhood: unknown neighbour " + code);
        e.neighbours.push_back({v, reach, distance_km(d, *units[i], *v)});
      }
    }
  }
}

const Neighbourhood::Entry* Neighbourhood::entry(Division d, const Unit& u) const {
  const auto it = entries_.find(&u);
  if (it == entries_.end() || it->second.level_slot != slot(u.level, d)) return nullptr;
  return &it->second;
}

const std::vector<Neighbour>& Neighbourhood::neighbours(Division d, const Unit& u) const {
  static const std::vector<Neighbour> none;
  const Entry* e = entry(d, u);
  return e ? e->neighbours : none;
}

std::optional<double> Neighbourhood::distance_km(Division d, const Unit& a, const Unit& b) const {
  const Entry* ea = entry(d, a);
  const Entry* eb = entry(d, b);
  if (!ea || !eb || ea->level_slot != eb->level_slot) return std::nullopt;
  const Matrix& m = matrices_[ea->level_slot];
  const float km = m.km[ea->index * m.n + eb->index];
  if (std::isnan(km)) return std::nullopt;
  return static_cast<double>(km);
}

std::optional<std::pair<double, double>> Neighbourhood::location(Division d, const Unit& u) const {
  const Entry* e = entry(d, u);
  return e ? e->location : std::nullopt;
}

}  // namespace layers
