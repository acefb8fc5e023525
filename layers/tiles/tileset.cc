#include "layers/tiles/tileset.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "geo/geos/coverage_simplify.h"
#include "geo/mvt/mvt_geometry.h"
#include "geo/tile_math.h"
#include "layers/errors.h"

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
std::vector<const geo::Geometry*> footprint_parts(const Catalog& catalog, const StoredInitiative& s) {
  const Footprint& f = s.initiative.footprint;
  std::vector<const geo::Geometry*> parts;
  if ((f.kind != FootprintKind::codes && f.kind != FootprintKind::names) || !s.footprint_scale) return parts;
  for (const JoinedUnit& ju : s.units)
    if (ju.division == f.division && ju.level == *s.footprint_scale)
      if (const geo::Geometry* g = catalog.geometry(ju.division, ju.code)) parts.push_back(g);
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
  const std::size_t n =
      jobs.size() <= 1 ? jobs.size() : std::min<std::size_t>(jobs.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < n; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}

std::vector<double> tolerances() {
  std::vector<double> t;
  for (int z = 0; z <= kMaxSimplifiedZoom; ++z) t.push_back(simplify_tolerance_metres(z));
  return t;
}

}  // namespace

double simplify_tolerance_metres(int z) { return geo::tile_size_metres(z) / kTileExtent * kSimplifyTileUnits; }

ZoomedShape::ZoomedShape(std::array<std::vector<geo::FlatPolygon>, kBands> bands) {
  for (std::size_t z = 0; z < kBands; ++z) {
    Band& b = bands_[z];
    b.polygons = std::move(bands[z]);
    b.bounds.reserve(b.polygons.size());
    b.box = geo::Envelope::empty();
    for (const geo::FlatPolygon& p : b.polygons) b.box.expand(b.bounds.emplace_back(geo::polygon_bounds(p)));
  }
}

namespace {
std::array<std::vector<geo::FlatPolygon>, ZoomedShape::kBands> simplified_alone(
    const std::vector<geo::FlatPolygon>& mercator) {
  auto copies = geo::CoverageTopology({mercator}).simplified(tolerances());
  std::array<std::vector<geo::FlatPolygon>, ZoomedShape::kBands> bands;
  for (std::size_t z = 0; z < bands.size(); ++z) bands[z] = std::move(copies[z][0]);
  return bands;
}
}  // namespace

ZoomedShape::ZoomedShape(const std::vector<geo::FlatPolygon>& mercator) : ZoomedShape(simplified_alone(mercator)) {}

ZoomedPolygons::ZoomedPolygons(const std::vector<std::vector<geo::FlatPolygon>>& features) {
  auto copies = geo::CoverageTopology(features).simplified(tolerances());
  shapes_.reserve(features.size());
  for (std::size_t i = 0; i < features.size(); ++i) {
    std::array<std::vector<geo::FlatPolygon>, ZoomedShape::kBands> bands;
    for (std::size_t z = 0; z < bands.size(); ++z) bands[z] = std::move(copies[z][i]);
    shapes_.push_back(std::make_shared<const ZoomedShape>(std::move(bands)));
  }
  index();
}

ZoomedPolygons::ZoomedPolygons(std::vector<std::shared_ptr<const ZoomedShape>> shapes) : shapes_(std::move(shapes)) {
  index();
}

void ZoomedPolygons::index() {
  for (int z = 0; z <= kMaxSimplifiedZoom; ++z) {
    std::vector<geo::Envelope> boxes;
    boxes.reserve(shapes_.size());
    for (const auto& s : shapes_) boxes.push_back(s->box(z));
    trees_[static_cast<std::size_t>(z)] = geo::BoxTree(boxes);
  }
}

std::vector<std::size_t> ZoomedPolygons::query(int z, const geo::Envelope& box) const {
  std::vector<std::size_t> out;
  trees_[static_cast<std::size_t>(std::min(z, kMaxSimplifiedZoom))].query(box, [&](std::size_t i) { out.push_back(i); });
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t ZoomedPolygons::vertex_count(int z) const {
  std::size_t n = 0;
  for (const auto& s : shapes_)
    for (const auto& p : s->polygons(z))
      for (const auto& r : p.rings) n += r.size() / 2;
  return n;
}

UnitTiles::UnitTiles(const Catalog& catalog) {
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
  std::vector<std::function<void()>> jobs;
  for (std::size_t k : slots) jobs.push_back([this, k, &unit_features] { units_[k] = ZoomedPolygons(unit_features[k]); });
  run_parallel(jobs);
}

UnitTiles::UnitTiles(const Catalog& catalog, std::vector<Shapes> sets) {
  if (sets.size() != kSets.size()) throw DataError("unit tiles: " + std::to_string(sets.size()) + " sets of shapes");
  for (Level level : {Level::commune, Level::province, Level::region})
    for (Division d : kAllDivisions) unit_lists_[slot(level, d)] = catalog.units(d, level);
  std::vector<std::function<void()>> jobs;
  for (std::size_t k = 0; k < kSets.size(); ++k) {
    const std::size_t s = slot(kSets[k].first, kSets[k].second);
    if (sets[k].size() != unit_lists_[s].size())
      throw DataError("unit tiles: " + std::to_string(sets[k].size()) + " shapes for " +
                      std::to_string(unit_lists_[s].size()) + " units");
    jobs.push_back([this, s, &sets, k] { units_[s] = ZoomedPolygons(std::move(sets[k])); });
  }
  run_parallel(jobs);  // the box trees
}

const ZoomedPolygons& UnitTiles::units(Level level, Division division) const {
  if (level == Level::commune) division = Division::d2018;
  return units_[slot(level, division)];
}

const std::vector<const Unit*>& UnitTiles::unit_list(Level level, Division division) const {
  return unit_lists_[slot(level, division)];
}

// Draws records: resolves each footprint to a shape (shared through the
// memo for code and name footprints) and a point, and queues the shapes
// still to simplify, which finish() simplifies in parallel.
class FootprintTiles::Drawer {
 public:
  Drawer(const Catalog& catalog, std::shared_ptr<const ShapeMemo> memo) : catalog_(catalog), memo_(std::move(memo)) {}

  void draw(const StoredInitiative& s, std::shared_ptr<const ZoomedShape>& shape, std::optional<Point>& point) {
    const Footprint& f = s.initiative.footprint;
    std::optional<Point> shape_point;
    if (f.kind == FootprintKind::polygons && f.geometry) {
      const geo::Geometry polys = geo::to_multi_polygon(f.geometry);
      if (polys && !polys.is_empty()) {
        pending_.push_back({to_mercator(polys), {&shape}});
        shape_point = mercator_point_on(polys);
      }
    } else if (std::vector<const geo::Geometry*> parts = footprint_parts(catalog_, s); !parts.empty()) {
      const Drawn* d = find(parts);
      if (!d) d = add(std::move(parts));
      if (d->shape) {
        shape = d->shape;
        shape_point = d->point;
      } else if (const auto p = pending_of_.find(d); p != pending_of_.end()) {
        pending_[p->second].slots.push_back(&shape);
        shape_point = d->point;
      }
    }
    // The representative point: of the footprint's own points, else of its polygons.
    if (f.kind == FootprintKind::points && f.geometry)
      point = mercator_point_on(f.geometry);
    else
      point = shape_point;
  }

  // Simplifies the queued shapes and hands each to its slots.
  void finish() {
    std::vector<std::function<void()>> jobs;
    jobs.reserve(pending_.size());
    for (Pending& p : pending_)
      jobs.push_back([&p] {
        auto shape = std::make_shared<const ZoomedShape>(p.mercator);
        for (auto* slot : p.slots) *slot = shape;
      });
    run_parallel(jobs);
    pending_.clear();
  }

  std::shared_ptr<const ShapeMemo> memo() { return added_ ? std::move(added_) : memo_; }

 private:
  struct Pending {
    std::vector<geo::FlatPolygon> mercator;
    std::vector<std::shared_ptr<const ZoomedShape>*> slots;
  };

  const Drawn* find(const std::vector<const geo::Geometry*>& parts) const {
    const ShapeMemo& memo = added_ ? *added_ : *memo_;
    const auto it = memo.find(parts);
    return it == memo.end() ? nullptr : &it->second;
  }

  // A new memo entry; its shape is queued (or stays null for an empty union).
  const Drawn* add(std::vector<const geo::Geometry*> parts) {
    if (!added_) {
      // Copied on the first new entry, without entries no other tile set holds.
      added_ = std::make_shared<ShapeMemo>();
      for (const auto& [key, d] : *memo_)
        if (d.shape.use_count() > 1) added_->emplace(key, d);
    }
    const geo::Geometry polys = union_of(parts);
    Drawn& d = added_->emplace(std::move(parts), Drawn{}).first->second;
    if (polys && !polys.is_empty()) {
      d.point = mercator_point_on(polys);
      pending_of_.emplace(&d, pending_.size());
      pending_.push_back({to_mercator(polys), {&d.shape}});
    }
    return &d;
  }

  const Catalog& catalog_;
  std::shared_ptr<const ShapeMemo> memo_;
  std::shared_ptr<ShapeMemo> added_;
  std::vector<Pending> pending_;
  std::unordered_map<const Drawn*, std::size_t> pending_of_;
};

FootprintTiles::FootprintTiles(const Registry& registry) {
  const InitiativeList& records = registry.initiatives();
  std::vector<std::shared_ptr<const ZoomedShape>> shapes(records.size());
  std::vector<std::optional<Point>> points(records.size());
  Drawer drawer(registry.catalog(), std::make_shared<const ShapeMemo>());
  std::size_t i = 0;
  for (const StoredInitiative& s : records) {
    drawer.draw(s, shapes[i], points[i]);
    ++i;
  }
  drawer.finish();
  memo_ = drawer.memo();
  shapes_ = std::move(shapes);
  points_ = std::move(points);
  index();
}

FootprintTiles::FootprintTiles(const FootprintTiles& before, const Registry& registry, const ListUpdate& update) {
  const InitiativeList& records = update.records;
  // The written records drawn first (their shapes simplified together),
  // then put in by the update's edits; every other shape and point is shared.
  std::vector<std::shared_ptr<const ZoomedShape>> shapes(update.written.size());
  std::vector<std::optional<Point>> points(update.written.size());
  Drawer drawer(registry.catalog(), before.memo_);
  for (std::size_t w = 0; w < update.written.size(); ++w) drawer.draw(records[update.written[w]], shapes[w], points[w]);
  drawer.finish();
  memo_ = drawer.memo();
  std::size_t w = 0;
  shapes_ = before.shapes_.edited(update.edits, [&](std::size_t) { return std::move(shapes[w++]); });
  w = 0;
  points_ = before.points_.edited(update.edits, [&](std::size_t) { return points[w++]; });
  reindex(before, update);
}

void FootprintTiles::index() {
  // One shape per distinct footprint, in order of its first owner.
  std::vector<std::shared_ptr<const ZoomedShape>> distinct;
  std::unordered_map<const ZoomedShape*, std::size_t> k_of;
  for (auto it = shapes_.begin(); it != shapes_.end(); ++it) {
    if (!*it) continue;
    const auto [at, fresh] = k_of.emplace(it->get(), distinct.size());
    if (fresh) {
      distinct.push_back(*it);
      owners_.emplace_back();
    }
    owners_[at->second].push_back(it.index());
  }
  footprints_ = std::make_shared<const ZoomedPolygons>(std::move(distinct));
}

void FootprintTiles::reindex(const FootprintTiles& before, const ListUpdate& update) {
  const std::vector<SequenceEdit>& edits = update.edits;
  // Inserts and erases among the edits before each one: a position's shift.
  std::vector<std::size_t> inserted(edits.size() + 1, 0), erased(edits.size() + 1, 0);
  for (std::size_t j = 0; j < edits.size(); ++j) {
    inserted[j + 1] = inserted[j] + (edits[j].kind == SequenceEdit::Kind::insert);
    erased[j + 1] = erased[j] + (edits[j].kind == SequenceEdit::Kind::erase);
  }
  constexpr std::size_t gone = SIZE_MAX;
  // Where the record at position p before is now (gone: replaced or erased).
  const auto moved = [&](std::size_t p) {
    std::size_t j = static_cast<std::size_t>(
        std::lower_bound(edits.begin(), edits.end(), p, [](const SequenceEdit& e, std::size_t q) { return e.before < q; }) -
        edits.begin());
    for (; j < edits.size() && edits[j].before == p; ++j)
      if (edits[j].kind != SequenceEdit::Kind::insert) return gone;
    return p + inserted[j] - erased[j];
  };
  const ZoomedPolygons& had = *before.footprints_;
  std::vector<std::shared_ptr<const ZoomedShape>> distinct;
  distinct.reserve(had.size());
  std::unordered_map<const ZoomedShape*, std::size_t> k_of;
  std::vector<std::vector<std::size_t>> owners(before.owners_.size());
  for (std::size_t k = 0; k < before.owners_.size(); ++k) {
    distinct.push_back(had.item(k));
    k_of.emplace(had.item(k).get(), k);
    owners[k].reserve(before.owners_[k].size());
    for (std::size_t p : before.owners_[k])
      if (const std::size_t q = moved(p); q != gone) owners[k].push_back(q);
  }
  for (std::size_t i : update.written) {
    const std::shared_ptr<const ZoomedShape>& shape = shapes_[i];
    if (!shape) continue;
    const auto [at, fresh] = k_of.emplace(shape.get(), distinct.size());
    if (fresh) {
      distinct.push_back(shape);
      owners.emplace_back();
    }
    std::vector<std::size_t>& o = owners[at->second];
    o.insert(std::lower_bound(o.begin(), o.end(), i), i);
  }
  // In order of first owner, as a whole build has them; shapes no record
  // draws any more are dropped.
  std::vector<std::size_t> order;
  order.reserve(owners.size());
  for (std::size_t k = 0; k < owners.size(); ++k)
    if (!owners[k].empty()) order.push_back(k);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return owners[a].front() < owners[b].front(); });
  bool same = order.size() == had.size();
  for (std::size_t k = 0; same && k < order.size(); ++k) same = order[k] == k;
  if (same) {
    owners_ = std::move(owners);
    footprints_ = before.footprints_;
    return;
  }
  std::vector<std::shared_ptr<const ZoomedShape>> shapes;
  shapes.reserve(order.size());
  owners_.reserve(order.size());
  for (std::size_t k : order) {
    shapes.push_back(std::move(distinct[k]));
    owners_.push_back(std::move(owners[k]));
  }
  footprints_ = std::make_shared<const ZoomedPolygons>(std::move(shapes));
}

std::vector<std::pair<std::size_t, std::size_t>> FootprintTiles::footprints_in(int z, const geo::Envelope& box) const {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t k : footprints_->query(z, box))
    for (std::size_t i : owners_[k]) out.emplace_back(i, k);
  std::sort(out.begin(), out.end());
  return out;
}

TileSet::TileSet(const Registry& registry)
    : TileSet(std::make_shared<const UnitTiles>(registry.catalog()), std::make_shared<const FootprintTiles>(registry),
              registry.generation()) {}

TileSet::TileSet(std::shared_ptr<const UnitTiles> units, std::shared_ptr<const FootprintTiles> footprints,
                 std::int64_t generation)
    : units_(std::move(units)), footprints_(std::move(footprints)), generation_(generation) {}

}  // namespace layers
