#include "geo/mvt/mvt_geometry.h"

#include <algorithm>
#include <cmath>

#include "geo/geos/geos_context.h"
#include "geo/mvt/mvt_validity.h"
#include "geo/geos/rect_clip.h"

namespace geo {

namespace {

GEOSGeometry* make_ring(GEOSContextHandle_t h, const double* xy, std::size_t points) {
  GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(h, xy, static_cast<unsigned>(points), 0, 0);
  if (!seq) geos_context().fail("building a coordinate sequence");
  GEOSGeometry* ring = GEOSGeom_createLinearRing_r(h, seq);
  if (!ring) geos_context().fail("building a ring");
  return ring;
}

// A GEOS polygon from closed flat rings (ownership to the caller).
GEOSGeometry* make_polygon(GEOSContextHandle_t h, const std::vector<std::vector<double>>& rings) {
  GEOSGeometry* shell = make_ring(h, rings[0].data(), rings[0].size() / 2);
  std::vector<GEOSGeometry*> holes;
  for (std::size_t i = 1; i < rings.size(); ++i) holes.push_back(make_ring(h, rings[i].data(), rings[i].size() / 2));
  GEOSGeometry* p = GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size()));
  if (!p) geos_context().fail("building a polygon");
  return p;
}

Geometry make_multi(GEOSContextHandle_t h, std::vector<GEOSGeometry*>& parts) {
  GEOSGeometry* m =
      GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts.data(), static_cast<unsigned>(parts.size()));
  if (!m) geos_context().fail("building a multipolygon");
  return Geometry(m);
}

// Rounds closed rings to the grid; drops rings left with under four points.
std::vector<FlatPolygon> quantized(const std::vector<FlatPolygon>& polys) {
  std::vector<FlatPolygon> out;
  for (const FlatPolygon& p : polys) {
    FlatPolygon q;
    for (std::size_t r = 0; r < p.rings.size(); ++r) {
      std::vector<double> ring;
      ring.reserve(p.rings[r].size());
      for (std::size_t k = 0; k + 1 < p.rings[r].size(); k += 2) {
        const double x = std::round(p.rings[r][k]), y = std::round(p.rings[r][k + 1]);
        const std::size_t n = ring.size();
        if (n >= 2 && ring[n - 2] == x && ring[n - 1] == y) continue;
        ring.push_back(x);
        ring.push_back(y);
      }
      if (ring.size() < 8) {
        if (r == 0) break;
        continue;
      }
      q.rings.push_back(std::move(ring));
    }
    if (!q.rings.empty()) out.push_back(std::move(q));
  }
  return out;
}

mvt::Polygon to_mvt(const FlatPolygon& p) {
  mvt::Polygon out;
  for (const auto& ring : p.rings) {
    mvt::Ring r;
    r.reserve(ring.size() / 2);
    for (std::size_t k = 0; k + 1 < ring.size(); k += 2)
      r.push_back({static_cast<std::int32_t>(ring[k]), static_cast<std::int32_t>(ring[k + 1])});
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

Geometry flat_to_geometry(const std::vector<FlatPolygon>& polygons) {
  auto h = geos_handle();
  std::vector<GEOSGeometry*> parts;
  for (const FlatPolygon& p : polygons)
    if (!p.rings.empty()) parts.push_back(make_polygon(h, p.rings));
  return make_multi(h, parts);
}

Envelope buffered_bounds(const TileId& tile, const TileGrid& grid) {
  Envelope e = tile_bounds(tile);
  const double m = (e.max_x - e.min_x) * grid.buffer / grid.extent;
  return {e.min_x - m, e.min_y - m, e.max_x + m, e.max_y + m};
}

bool tile_point(double mx, double my, const TileGrid& grid, mvt::IntPoint& out) {
  const double x = std::round(grid.transform.x(mx)), y = std::round(grid.transform.y(my));
  if (x < -grid.buffer || y < -grid.buffer || x > grid.extent + grid.buffer || y > grid.extent + grid.buffer)
    return false;
  out = {static_cast<std::int32_t>(x), static_cast<std::int32_t>(y)};
  return true;
}

Envelope polygon_bounds(const FlatPolygon& polygon) {
  Envelope e = Envelope::empty();
  for (const auto& ring : polygon.rings) e.expand(ring);
  return e;
}

std::vector<mvt::Polygon> tile_polygons(const std::vector<FlatPolygon>& polygons, const TileGrid& grid,
                                        const std::vector<Envelope>* bounds) {
  const double lo = -grid.buffer, hi = grid.extent + grid.buffer;
  // To tile coordinates, noting which polygons cross the clip square.
  std::vector<FlatPolygon> inside;
  bool any_crossing = false;
  std::vector<bool> crossing;
  for (std::size_t i = 0; i < polygons.size(); ++i) {
    const FlatPolygon& p = polygons[i];
    if (p.rings.empty()) continue;
    // Bounds in Web Mercator first, so that the parts outside the square
    // (most islands of a many-island commune) are never copied. Both
    // transforms are monotonic, so the bounds equal those of the
    // transformed rings (y flips: the tile's min y is Mercator's max).
    const Envelope m = bounds ? (*bounds)[i] : polygon_bounds(p);
    const double min_x = grid.transform.x(m.min_x), max_x = grid.transform.x(m.max_x);
    const double min_y = grid.transform.y(m.max_y), max_y = grid.transform.y(m.min_y);
    if (max_x < lo || min_x > hi || max_y < lo || min_y > hi) continue;
    FlatPolygon t;
    t.rings.reserve(p.rings.size());
    for (const auto& ring : p.rings) {
      std::vector<double> r(ring.size());
      for (std::size_t k = 0; k + 1 < ring.size(); k += 2) {
        r[k] = grid.transform.x(ring[k]);
        r[k + 1] = grid.transform.y(ring[k + 1]);
      }
      t.rings.push_back(std::move(r));
    }
    const bool crosses = min_x < lo || min_y < lo || max_x > hi || max_y > hi;
    any_crossing = any_crossing || crosses;
    crossing.push_back(crosses);
    inside.push_back(std::move(t));
  }
  if (inside.empty()) return {};

  if (any_crossing) {
    // Polygons that cross the square are cut into their separate parts
    // inside it (GEOS rectangle clipping), so that a polygon leaving and
    // re-entering the tile does not come out self-touching along the border.
    auto h = geos_handle();
    const Envelope square{lo, lo, hi, hi};
    std::vector<FlatPolygon> clipped;
    for (std::size_t i = 0; i < inside.size(); ++i) {
      if (!crossing[i]) {
        clipped.push_back(std::move(inside[i]));
        continue;
      }
      auto& rings = inside[i].rings;  // GEOS refuses rings of under four points
      if (rings[0].size() < 8) continue;
      rings.erase(std::remove_if(rings.begin() + 1, rings.end(), [](const auto& r) { return r.size() < 8; }),
                  rings.end());
      for (FlatPolygon& c : flatten_polygons(clip_by_rect(Geometry(make_polygon(h, rings)), square)))
        clipped.push_back(std::move(c));
    }
    inside = std::move(clipped);
  }

  // Rounding can make rings cross or touch: repair each polygon that it
  // broke, and round the repair once more (its new nodes may be off the grid).
  std::vector<FlatPolygon> q;
  for (FlatPolygon& p : quantized(inside)) {
    const Validity v = quick_validity(p);
    if (v == Validity::valid) {  // most polygons: no GEOS round trip
      q.push_back(std::move(p));
      continue;
    }
    std::vector<FlatPolygon> part{std::move(p)};
    for (int attempt = 0; attempt < 2; ++attempt) {
      // A repair rounded to the grid is usually proven valid without GEOS,
      // and most broken polygons are proven broken without it.
      if (attempt > 0 && surely_valid(part)) break;
      Geometry g = flat_to_geometry(part);
      if ((attempt > 0 || v != Validity::invalid) && g.is_valid()) break;
      part = quantized(flatten_polygons(make_valid_polygonal(g)));
      if (part.empty()) break;
    }
    for (FlatPolygon& r : part) q.push_back(std::move(r));
  }
  std::vector<mvt::Polygon> out;
  out.reserve(q.size());
  for (const FlatPolygon& p : q) out.push_back(to_mvt(p));
  return out;
}

}  // namespace geo
