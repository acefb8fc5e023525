#include "layers/tileset.h"

#include <algorithm>
#include <cmath>

#include "geo/coverage_simplify.h"
#include "geo/tile_math.h"

namespace layers {

namespace {

std::vector<geo::FlatPolygon> to_mercator(const geo::Geometry& g) {
  std::vector<geo::FlatPolygon> polys = geo::flatten_polygons(g);
  for (geo::FlatPolygon& p : polys)
    for (auto& ring : p.rings)
      for (std::size_t k = 0; k + 1 < ring.size(); k += 2) geo::lonlat_to_mercator(ring[k], ring[k + 1], ring[k], ring[k + 1]);
  return polys;
}

geo::Envelope envelope_of(const std::vector<geo::FlatPolygon>& polys) {
  geo::Envelope e{INFINITY, INFINITY, -INFINITY, -INFINITY};
  for (const geo::FlatPolygon& p : polys)
    for (std::size_t k = 0; k + 1 < p.rings[0].size(); k += 2) {
      e.min_x = std::min(e.min_x, p.rings[0][k]);
      e.max_x = std::max(e.max_x, p.rings[0][k]);
      e.min_y = std::min(e.min_y, p.rings[0][k + 1]);
      e.max_y = std::max(e.max_y, p.rings[0][k + 1]);
    }
  return e;
}

// The polygons of a footprint: its own polygons, or the units its codes or
// names resolved to, at the footprint's scale and in its division.
geo::Geometry footprint_polygons(const Registry& registry, const StoredInitiative& s) {
  const Footprint& f = s.initiative.footprint;
  if (f.kind == FootprintKind::polygons && f.geometry) return geo::to_multi_polygon(f.geometry);
  if ((f.kind != FootprintKind::codes && f.kind != FootprintKind::names) || !s.footprint_scale) return {};
  std::vector<const geo::Geometry*> parts;
  for (const JoinedUnit& ju : s.units)
    if (ju.division == f.division && ju.level == *s.footprint_scale)
      if (const geo::Geometry* g = registry.catalog().geometry(ju.division, ju.code)) parts.push_back(g);
  if (parts.empty()) return {};
  if (parts.size() == 1) return geo::to_multi_polygon(*parts[0]);
  return geo::to_multi_polygon(geo::union_all(parts));
}

}  // namespace

double simplify_tolerance_metres(int z) { return geo::tile_size_metres(z) / kTileExtent * kSimplifyTileUnits; }

ZoomedPolygons::ZoomedPolygons(const std::vector<std::vector<geo::FlatPolygon>>& features) {
  const geo::CoverageTopology topology(features);
  for (int z = 0; z <= kMaxSimplifiedZoom; ++z) {
    Band& b = bands_[static_cast<std::size_t>(z)];
    b.shapes = topology.simplified(simplify_tolerance_metres(z));
    std::vector<geo::Envelope> boxes;
    boxes.reserve(b.shapes.size());
    for (const auto& s : b.shapes)
      boxes.push_back(s.empty() ? geo::Envelope{INFINITY, INFINITY, -INFINITY, -INFINITY} : envelope_of(s));
    b.tree = geo::BoxTree(boxes);
  }
}

std::vector<std::size_t> ZoomedPolygons::query(int z, const geo::Envelope& box) const {
  std::vector<std::size_t> out;
  band(z).tree.query(box, [&](std::size_t i) { out.push_back(i); });
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t ZoomedPolygons::vertex_count(int z) const {
  std::size_t n = 0;
  for (const auto& s : band(z).shapes)
    for (const auto& p : s)
      for (const auto& r : p.rings) n += r.size() / 2;
  return n;
}

TileSet::TileSet(const Registry& registry) : generation_(registry.generation()) {
  const Catalog& catalog = registry.catalog();
  for (Level level : {Level::region, Level::province, Level::commune})
    for (Division d : kAllDivisions) {
      const std::size_t k = slot(level, d);
      // Communes are the same in both divisions: share the 2018 copy.
      if (level == Level::commune && d == Division::d2007) {
        unit_lists_[k] = catalog.units(d, level);
        continue;
      }
      unit_lists_[k] = catalog.units(d, level);
      std::vector<std::vector<geo::FlatPolygon>> features;
      for (const Unit* u : unit_lists_[k]) {
        const geo::Geometry* g = catalog.geometry(d, u->code);
        features.push_back(g ? to_mercator(*g) : std::vector<geo::FlatPolygon>{});
      }
      units_[k] = ZoomedPolygons(features);
    }

  std::vector<std::vector<geo::FlatPolygon>> footprints;
  const auto& initiatives = registry.initiatives();
  points_.resize(initiatives.size());
  for (std::size_t i = 0; i < initiatives.size(); ++i) {
    const StoredInitiative& s = initiatives[i];
    const Footprint& f = s.initiative.footprint;
    geo::Geometry polys = footprint_polygons(registry, s);
    if (polys && !polys.is_empty()) {
      footprints.push_back(to_mercator(polys));
      footprint_owner_.push_back(i);
    }
    // The representative point: of the footprint's own geometry, else of its polygons.
    const geo::Geometry* source = f.kind == FootprintKind::points && f.geometry ? &f.geometry : nullptr;
    if (!source && polys && !polys.is_empty()) source = &polys;
    if (source) {
      double x = 0, y = 0;
      geo::point_xy(geo::point_on_surface(*source), x, y);
      geo::lonlat_to_mercator(x, y, x, y);
      points_[i] = std::make_pair(x, y);
    }
  }
  footprints_ = ZoomedPolygons(footprints);
}

const ZoomedPolygons& TileSet::units(Level level, Division division) const {
  if (level == Level::commune) division = Division::d2018;
  return units_[slot(level, division)];
}

const std::vector<const Unit*>& TileSet::unit_list(Level level, Division division) const {
  return unit_lists_[slot(level, division)];
}

}  // namespace layers
