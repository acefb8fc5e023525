#include "layers/model/catalog.h"

#include <algorithm>

#include "layers/errors.h"

namespace layers {

std::string_view point_basis_name(PointBasis b) {
  switch (b) {
    case PointBasis::inside: return "point_in_polygon";
    case PointBasis::inside_overlap: return "point_in_overlapping_polygons";
    case PointBasis::nearest: return "nearest_polygon";
    case PointBasis::none: return "none";
  }
  return "none";
}

Catalog::Catalog(std::vector<UnitRecord> records, double snap_metres) : snap_metres_(snap_metres) {
  for (auto& r : records) {
    DivisionData& dd = r.division == Division::d2018 ? d2018_ : d2007_;
    dd.records.push_back(std::move(r));
  }
  for (DivisionData* dd : {&d2018_, &d2007_}) {
    std::sort(dd->records.begin(), dd->records.end(), [](const UnitRecord& a, const UnitRecord& b) {
      return a.unit.level != b.unit.level ? a.unit.level < b.unit.level : a.unit.code < b.unit.code;
    });
    for (std::size_t i = 0; i < dd->records.size(); ++i) {
      const Unit& u = dd->records[i].unit;
      if (!dd->by_code.emplace(u.code, i).second) throw DataError("duplicate unit code " + u.code);
      if (!u.parent_code.empty()) dd->children[u.parent_code].push_back(i);
    }
    for (const auto& [parent, kids] : dd->children)
      if (!dd->by_code.count(parent)) throw DataError("unit " + dd->records[kids[0]].unit.code + " has unknown parent " + parent);
  }
  std::vector<geo::Geometry> polygons;
  bool first = true;
  for (const UnitRecord& r : d2018_.records) {
    if (r.unit.level != Level::commune) continue;
    if (!r.former_code.empty() && r.former_code != r.unit.code) former_codes_[r.former_code] = r.unit.code;
    commune_order_.push_back(&r.unit);
    polygons.push_back(r.geometry ? r.geometry->clone() : geo::Geometry());
    if (r.geometry && !r.geometry->is_empty()) {
      if (first) extent_ = r.geometry->envelope(), first = false;
      else extent_.expand(r.geometry->envelope());
    }
  }
  communes_index_ = std::make_unique<geo::PolygonIndex>(std::move(polygons));
  communes_grid_ = std::make_unique<geo::PointGrid>(*communes_index_, snap_metres_);
}

const Unit* Catalog::find(Division d, std::string_view code) const {
  const DivisionData& dd = data(d);
  auto it = dd.by_code.find(std::string(code));
  if (it == dd.by_code.end()) {
    auto f = former_codes_.find(std::string(code));
    if (f == former_codes_.end()) return nullptr;
    it = dd.by_code.find(f->second);
    if (it == dd.by_code.end()) return nullptr;
  }
  return &dd.records[it->second].unit;
}

const geo::Geometry* Catalog::geometry(Division d, std::string_view code) const {
  const DivisionData& dd = data(d);
  auto it = dd.by_code.find(std::string(code));
  if (it == dd.by_code.end()) return nullptr;
  return dd.records[it->second].geometry.get();
}

std::vector<const Unit*> Catalog::units(Division d, Level level) const {
  std::vector<const Unit*> out;
  for (const UnitRecord& r : data(d).records)
    if (r.unit.level == level) out.push_back(&r.unit);
  return out;
}

std::vector<const Unit*> Catalog::children(Division d, const Unit& u) const {
  std::vector<const Unit*> out;
  const DivisionData& dd = data(d);
  auto it = dd.children.find(u.code);
  if (it != dd.children.end())
    for (std::size_t i : it->second) out.push_back(&dd.records[i].unit);
  return out;
}

const Unit* Catalog::parent(Division d, const Unit& u) const {
  return u.parent_code.empty() ? nullptr : find(d, u.parent_code);
}

const Unit* Catalog::ancestor(Division d, const Unit& commune, Level level) const {
  const Unit* u = find(d, commune.code);
  while (u && u->level != level) u = parent(d, *u);
  return u;
}

std::vector<const Unit*> Catalog::communes_of(Division d, const Unit& u) const {
  if (u.level == Level::commune) return {find(d, u.code)};
  std::vector<const Unit*> out;
  for (const Unit* c : children(d, u)) {
    auto sub = communes_of(d, *c);
    out.insert(out.end(), sub.begin(), sub.end());
  }
  std::sort(out.begin(), out.end(), [](const Unit* a, const Unit* b) { return a->code < b->code; });
  return out;
}

std::string Catalog::former_code(std::string_view commune_code) const {
  for (const auto& [former, current] : former_codes_)
    if (current == commune_code) return former;
  return std::string(commune_code);
}

PointMatch Catalog::locate(double lon, double lat) const {
  PointMatch m;
  // Most points lie far from every commune or deep inside one: the grid
  // gives the index's answer for them without a tree query or an edge.
  const geo::PointGrid::Settled settled = communes_grid_->settle(lon, lat);
  if (settled.kind == geo::PointGrid::Settled::Kind::none) return m;
  if (settled.kind == geo::PointGrid::Settled::Kind::inside) {
    m.commune = commune_order_[settled.id];
    m.basis = PointBasis::inside;
    return m;
  }
  const auto hits = communes_index_->containing(lon, lat);
  if (hits.size() == 1) {
    m.commune = commune_order_[hits[0]];
    m.basis = PointBasis::inside;
    return m;
  }
  if (hits.size() > 1) {
    // Overlapping generalised polygons: the commune the point lies deepest in,
    // ties to the lower code (ids follow code order).
    double best = -1;
    for (std::size_t id : hits) {
      const double depth = communes_index_->boundary_distance_m(id, lon, lat);
      if (depth > best) best = depth, m.commune = commune_order_[id];
    }
    m.basis = PointBasis::inside_overlap;
    return m;
  }
  if (auto n = communes_index_->nearest(lon, lat, snap_metres_)) {
    m.commune = commune_order_[n->id];
    m.basis = PointBasis::nearest;
    m.distance_m = n->metres;
  }
  return m;
}

std::vector<geo::PolygonIndex::Overlap> Catalog::overlapping_communes(const geo::Geometry& g) const {
  return communes_index_->overlapping(g);
}

}  // namespace layers
