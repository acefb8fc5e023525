#include "layers/tileset.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "geo/coverage_simplify.h"
#include "geo/mvt_geometry.h"
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

// The unit geometries a code or name footprint resolved to, at the
// footprint's scale and in its division, in join order; empty for any
// other footprint. Equal lists give equal polygons, so they key a shared shape.
std::vector<const geo::Geometry*> footprint_parts(const Registry& registry, const StoredInitiative& s) {
  const Footprint& f = s.initiative.footprint;
  std::vector<const geo::Geometry*> parts;
  if ((f.kind != FootprintKind::codes && f.kind != FootprintKind::names) || !s.footprint_scale) return parts;
  for (const JoinedUnit& ju : s.units)
    if (ju.division == f.division && ju.level == *s.footprint_scale)
      if (const geo::Geometry* g = registry.catalog().geometry(ju.division, ju.code)) parts.push_back(g);
  return parts;
}

geo::Geometry union_of(const std::vector<const geo::Geometry*>& parts) {
  if (parts.size() == 1) return geo::to_multi_polygon(*parts[0]);
  return geo::to_multi_polygon(geo::union_all(parts));
}

// A Web Mercator point on the surface of a lon/lat geometry.
std::pair<double, double> mercator_point_on(const geo::Geometry& g) {
  double x = 0, y = 0;
  geo::point_xy(geo::point_on_surface(g), x, y);
  geo::lonlat_to_mercator(x, y, x, y);
  return {x, y};
}

}  // namespace

double simplify_tolerance_metres(int z) { return geo::tile_size_metres(z) / kTileExtent * kSimplifyTileUnits; }

ZoomedPolygons::ZoomedPolygons(const std::vector<std::vector<geo::FlatPolygon>>& features) {
  const geo::CoverageTopology topology(features);
  std::vector<double> tolerances;
  for (int z = 0; z <= kMaxSimplifiedZoom; ++z) tolerances.push_back(simplify_tolerance_metres(z));
  auto shapes = topology.simplified(tolerances);
  for (int z = 0; z <= kMaxSimplifiedZoom; ++z) {
    Band& b = bands_[static_cast<std::size_t>(z)];
    b.shapes = std::move(shapes[static_cast<std::size_t>(z)]);
    std::vector<geo::Envelope> boxes;
    boxes.reserve(b.shapes.size());
    b.bounds.reserve(b.shapes.size());
    for (const auto& s : b.shapes) {
      // The feature's box is that of its parts (holes lie inside their shells).
      std::vector<geo::Envelope>& parts = b.bounds.emplace_back();
      parts.reserve(s.size());
      geo::Envelope box = geo::Envelope::empty();
      for (const geo::FlatPolygon& p : s) box.expand(parts.emplace_back(geo::polygon_bounds(p)));
      boxes.push_back(box);
    }
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

namespace {

// Runs jobs on up to one thread per core, largest first as listed; the
// first exception is rethrown here once every thread has finished.
void run_parallel(const std::vector<std::function<void()>>& jobs) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < jobs.size(); i = next++) try {
        jobs[i]();
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
      }
  };
  const std::size_t n = std::min<std::size_t>(jobs.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < n; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace

TileSet::TileSet(const Registry& registry) : generation_(registry.generation()) {
  const Catalog& catalog = registry.catalog();
  // Every ZoomedPolygons is independent: they are built in parallel (most of
  // a cold start), communes first as the largest.
  std::array<std::vector<std::vector<geo::FlatPolygon>>, 6> unit_features;
  std::vector<std::size_t> slots;
  for (Level level : {Level::commune, Level::province, Level::region})
    for (Division d : kAllDivisions) {
      const std::size_t k = slot(level, d);
      unit_lists_[k] = catalog.units(d, level);
      // Communes are the same in both divisions: share the 2018 copy.
      if (level == Level::commune && d == Division::d2007) continue;
      for (const Unit* u : unit_lists_[k]) {
        const geo::Geometry* g = catalog.geometry(d, u->code);
        unit_features[k].push_back(g ? to_mercator(*g) : std::vector<geo::FlatPolygon>{});
      }
      slots.push_back(k);
    }

  // One shape per distinct footprint: a code footprint repeated by many
  // records is reprojected, simplified and stored once. Shapes are made in
  // order of their first owner, so the coverage (and every tile) is what one
  // shape per record gave.
  constexpr std::size_t kNone = SIZE_MAX;
  std::vector<std::vector<geo::FlatPolygon>> footprints;
  std::vector<std::pair<double, double>> shape_points;
  auto add_shape = [&](const geo::Geometry& polys) {
    if (!polys || polys.is_empty()) return kNone;
    footprints.push_back(to_mercator(polys));
    shape_points.push_back(mercator_point_on(polys));
    footprint_owners_.emplace_back();
    return footprints.size() - 1;
  };
  std::map<std::vector<const geo::Geometry*>, std::size_t> shape_of_parts;
  const auto& initiatives = registry.initiatives();
  points_.resize(initiatives.size());
  for (std::size_t i = 0; i < initiatives.size(); ++i) {
    const StoredInitiative& s = initiatives[i];
    const Footprint& f = s.initiative.footprint;
    std::size_t shape = kNone;
    if (f.kind == FootprintKind::polygons && f.geometry) {
      shape = add_shape(geo::to_multi_polygon(f.geometry));
    } else if (std::vector<const geo::Geometry*> parts = footprint_parts(registry, s); !parts.empty()) {
      const auto it = shape_of_parts.find(parts);
      shape = it != shape_of_parts.end() ? it->second : add_shape(union_of(parts));
      if (it == shape_of_parts.end()) shape_of_parts.emplace(std::move(parts), shape);
    }
    if (shape != kNone) footprint_owners_[shape].push_back(i);
    // The representative point: of the footprint's own points, else of its polygons.
    if (f.kind == FootprintKind::points && f.geometry)
      points_[i] = mercator_point_on(f.geometry);
    else if (shape != kNone)
      points_[i] = shape_points[shape];
  }

  std::vector<std::function<void()>> jobs;
  for (std::size_t k : slots) jobs.push_back([this, k, &unit_features] { units_[k] = ZoomedPolygons(unit_features[k]); });
  jobs.push_back([this, &footprints] { footprints_ = ZoomedPolygons(footprints); });
  run_parallel(jobs);
}

std::vector<std::pair<std::size_t, std::size_t>> TileSet::footprints_in(int z, const geo::Envelope& box) const {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t k : footprints_.query(z, box))
    for (std::size_t i : footprint_owners_[k]) out.emplace_back(i, k);
  std::sort(out.begin(), out.end());
  return out;
}

const ZoomedPolygons& TileSet::units(Level level, Division division) const {
  if (level == Level::commune) division = Division::d2018;
  return units_[slot(level, division)];
}

const std::vector<const Unit*>& TileSet::unit_list(Level level, Division division) const {
  return unit_lists_[slot(level, division)];
}

}  // namespace layers
