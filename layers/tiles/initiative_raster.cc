#include "layers/tiles/initiative_raster.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "geo/raster/raster_canvas.h"
#include "layers/tiles/raster_frame.h"
#include "layers/tiles/tile_clusters.h"

namespace layers {

namespace {

constexpr double kPointRadius = 3.0;
constexpr double kMaxClusterRadius = 8.0;
constexpr geo::Rgba kOutline{255, 255, 255, 255};

// Discs with a white rim: every rim first, then every fill, so discs that
// overlap merge into one shape and each centre shows the point colour.
void draw_discs(geo::RasterCanvas& canvas, const std::vector<std::pair<std::pair<double, double>, double>>& discs,
                double rim) {
  for (const auto& [centre, radius] : discs) canvas.draw_discs({centre}, radius + rim / 2, kOutline, kOutline, 0);
  for (const auto& [centre, radius] : discs) canvas.draw_discs({centre}, radius - rim / 2, kInitiativeColour, kOutline, 0);
}

struct PxPoint {
  std::size_t record;
  double x, y;
};

// Matched records whose point lies in the Web Mercator box, in pixels of the frame.
std::vector<PxPoint> points_in(const TileSet& ts, const Registry& registry, const InitiativeFilter& filter,
                               const RasterFrame& frame, const geo::Envelope& box) {
  const auto& initiatives = registry.initiatives();
  const auto& points = ts.initiative_points();
  std::vector<PxPoint> out;
  for (std::size_t i = 0; i < initiatives.size(); ++i) {
    const auto& pt = points[i];
    if (!pt || !box.contains(pt->first, pt->second)) continue;
    if (!filter.matches(initiatives[i].initiative)) continue;
    PxPoint p{i, 0, 0};
    frame.mercator_to_px(pt->first, pt->second, p.x, p.y);
    out.push_back(p);
  }
  return out;
}

void draw_footprints(geo::RasterCanvas& canvas, const TileSet& ts, const Registry& registry, const RasterQuery& q,
                     const RasterFrame& frame, bool clustered, int px) {
  const int z = frame.detail_zoom();
  const double cell_px = static_cast<double>(px) * kClusterCell / kTileExtent;
  const auto& initiatives = registry.initiatives();
  // Each shape once, however many matched records draw it (shapes in index order).
  std::set<std::size_t> shapes;
  for (const auto& [i, k] : ts.footprints_in(z, frame.mercator_box(2)))
    if (q.tile.filter.matches(initiatives[i].initiative)) shapes.insert(k);
  for (std::size_t k : shapes) {
    std::vector<geo::FlatPolygon> polys = ts.footprints().shape(z, k);
    double min_x = 1e300, min_y = 1e300, max_x = -1e300, max_y = -1e300;
    for (auto& p : polys)
      for (auto& ring : p.rings)
        for (std::size_t v = 0; v + 1 < ring.size(); v += 2) {
          frame.mercator_to_px(ring[v], ring[v + 1], ring[v], ring[v + 1]);
          min_x = std::min(min_x, ring[v]);
          max_x = std::max(max_x, ring[v]);
          min_y = std::min(min_y, ring[v + 1]);
          max_y = std::max(max_y, ring[v + 1]);
        }
    // Clustered: a shape within one cell is counted by the points' clusters.
    if (clustered && max_x - min_x < cell_px && max_y - min_y < cell_px) continue;
    canvas.draw_polygons(polys, kFootprintFill, kInitiativeColour, q.scale);
  }
}

}  // namespace

double initiative_disc_radius(std::size_t count) {
  if (count <= 1) return kPointRadius;
  return std::min(kPointRadius + 1.5 * std::log2(static_cast<double>(count)), kMaxClusterRadius);
}

std::string build_initiative_raster_tile(const TileSet& ts, const Registry& registry, const RasterQuery& q) {
  if (q.tile.layer != TileLayer::initiatives) throw std::invalid_argument("initiative map tiles draw the initiatives only");
  const int px = 256 * q.scale;
  const RasterFrame frame(q.tms, q.tile.tile, px);
  geo::RasterCanvas canvas(px);
  // One pass over the matched points: every disc that may reach into the
  // tile, and a cluster cell more, so a cell cut by the tile edge has all its members.
  const double cell_px = static_cast<double>(px) * kClusterCell / kTileExtent;
  const std::vector<PxPoint> points = points_in(ts, registry, q.tile.filter, frame,
                                                frame.mercator_box(kMaxClusterRadius * q.scale + 1 + cell_px));
  // Whether the vector tile of this place clusters: the same count, of the
  // matched points in the tile and its MVT buffer, below the highest zoom.
  const double buffer_px = static_cast<double>(px) * kTileBuffer / kTileExtent;
  auto in_buffer = [&](double v) { return v >= -buffer_px && v <= px + buffer_px; };
  const bool clustered =
      frame.detail_zoom() < kMaxTileZoom &&
      static_cast<std::size_t>(std::count_if(points.begin(), points.end(), [&](const PxPoint& p) {
        return in_buffer(p.x) && in_buffer(p.y);
      })) > kClusterAbove;
  draw_footprints(canvas, ts, registry, q, frame, clustered, px);
  std::vector<std::pair<std::pair<double, double>, double>> discs;
  if (!clustered) {
    discs.reserve(points.size());
    for (const PxPoint& p : points) discs.push_back({{p.x, p.y}, kPointRadius * q.scale});
    draw_discs(canvas, discs, q.scale);
    return canvas.png();
  }
  // The vector tiles' grid: cells of kClusterCell tile units from -kTileBuffer.
  const double units_per_px = static_cast<double>(kTileExtent) / px;
  std::vector<TilePoint> at;
  at.reserve(points.size());
  for (const PxPoint& p : points)
    at.push_back({p.record, {static_cast<std::int32_t>(std::lround(p.x * units_per_px)),
                             static_cast<std::int32_t>(std::lround(p.y * units_per_px))}});
  for (const PointCluster& c : cluster_points(at, kClusterCell, kTileBuffer))
    discs.push_back({{c.at.x / units_per_px, c.at.y / units_per_px}, initiative_disc_radius(c.records.size()) * q.scale});
  draw_discs(canvas, discs, q.scale);
  return canvas.png();
}

}  // namespace layers
