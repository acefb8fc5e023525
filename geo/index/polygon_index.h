#pragma once
// Answers "which polygons contain this point" and "which polygons does this
// geometry overlap, by how much" over a fixed set of polygons in lon/lat.
//
// Points are tested on flat coordinate arrays with a per-part band index of
// edges (no GEOS call per point), so containment queries are cheap and safe
// from any thread. Overlap queries use GEOS and are serialised by a mutex.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "geo/index/box_tree.h"
#include "geo/geos/geometry.h"

namespace geo {

class PolygonIndex {
 public:
  struct Overlap {
    std::size_t id;
    double area;             // planar area of the intersection (CRS units²)
    double share_of_query;   // area / area of the query geometry
    double share_of_polygon; // area / area of the indexed polygon
  };
  struct Nearest {
    std::size_t id;
    double metres;  // distance from the point to the polygon's boundary
  };
  // Metres per degree of latitude (and of longitude on the equator, x being
  // scaled by cos(lat)) in every distance below.
  static constexpr double kMetresPerDegree = 111320.0;

  // polygons[i] is item i; each must be polygonal (empty ones never match).
  explicit PolygonIndex(std::vector<Geometry> polygons);
  PolygonIndex(const PolygonIndex&) = delete;
  PolygonIndex& operator=(const PolygonIndex&) = delete;

  std::size_t size() const { return items_.size(); }
  const Geometry& geometry(std::size_t id) const { return items_[id].geometry; }

  // Items containing (x, y), in increasing id order. A point exactly on an
  // edge may be reported by either neighbour.
  std::vector<std::size_t> containing(double x, double y) const;
  bool contains(std::size_t id, double x, double y) const;
  // Distance in metres from (lon, lat) to the nearest edge of item id.
  double boundary_distance_m(std::size_t id, double lon, double lat) const;
  // Nearest item whose boundary is within max_metres of (lon, lat).
  std::optional<Nearest> nearest(double lon, double lat, double max_metres) const;
  // Items whose interior overlaps g, with intersection areas, in id order.
  std::vector<Overlap> overlapping(const Geometry& g) const;
  // Calls visit(x1, y1, x2, y2) for every edge the point queries test (the
  // rings' segments but those of length zero).
  template <typename Visit>
  void for_each_edge(Visit&& visit) const {
    for (const Item& item : items_)
      for (const Part& p : item.parts)
        for (const Edge& e : p.edges) visit(e.x1, e.y1, e.x2, e.y2);
  }

 private:
  struct Edge {
    double x1, y1, x2, y2;
  };
  struct Part {
    Envelope box;
    std::vector<Edge> edges;
    double band_min_y = 0, band_height = 1;
    std::vector<std::uint32_t> band_start;  // CSR: band b holds band_edges[band_start[b]..band_start[b+1])
    std::vector<std::uint32_t> band_edges;
    bool contains(double x, double y) const;
    // The least squared distance (x scaled by kx) from (lon, lat) to the
    // edges whose boxes meet q, found through the bands; INFINITY if none.
    double distance2_near(double lon, double lat, double kx, const Envelope& q) const;
  };
  struct Item {
    Geometry geometry;
    Envelope box;
    double area = 0;
    std::vector<Part> parts;
  };
  static Part build_part(const std::vector<std::vector<double>>& rings);

  // A part of an item, for the tree of parts: a commune of islands has
  // thousands of parts, and a point meets the boxes of few.
  struct PartRef {
    std::uint32_t item, part;
  };

  std::vector<Item> items_;
  BoxTree tree_;                  // items' boxes (overlap queries)
  std::vector<PartRef> part_refs_;
  BoxTree part_tree_;             // parts' boxes (point queries)
  mutable std::mutex geos_mutex_;
};

}  // namespace geo
