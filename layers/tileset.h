#pragma once
// The geometry behind every map tile of one registry: unit boundaries and
// initiative footprints reprojected once to Web Mercator, simplified once
// per zoom (shared edges simplified once, so neighbours never gap or
// overlap), and indexed per zoom. Built once per registry generation,
// immutable afterwards, read by any number of threads.
#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/box_tree.h"
#include "geo/geometry_ops.h"
#include "layers/registry.h"

namespace layers {

// Zooms get their own simplified copy up to this one; finer zooms use it.
inline constexpr int kMaxSimplifiedZoom = 13;
inline constexpr int kMaxTileZoom = 16;
inline constexpr int kTileExtent = 4096;
inline constexpr int kTileBuffer = 64;
// Simplification tolerance in tile units (1/4096 of a tile) at each zoom.
inline constexpr double kSimplifyTileUnits = 1.0;

// Simplification tolerance in Web Mercator metres for zoom z.
double simplify_tolerance_metres(int z);

// A set of polygonal features simplified per zoom, with a box index per zoom.
class ZoomedPolygons {
 public:
  ZoomedPolygons() = default;
  // features: Web Mercator polygons; simplified as one coverage.
  explicit ZoomedPolygons(const std::vector<std::vector<geo::FlatPolygon>>& features);

  std::size_t size() const { return bands_[0].shapes.size(); }
  // The copy of feature i drawn at zoom z.
  const std::vector<geo::FlatPolygon>& shape(int z, std::size_t i) const { return band(z).shapes[i]; }
  // geo::polygon_bounds() of each polygon of shape(z, i), for geo::tile_polygons.
  const std::vector<geo::Envelope>& bounds(int z, std::size_t i) const { return band(z).bounds[i]; }
  // Features whose box at zoom z meets `box`, in index order.
  std::vector<std::size_t> query(int z, const geo::Envelope& box) const;
  // Vertices stored at zoom z (for budgets and tests).
  std::size_t vertex_count(int z) const;

 private:
  struct Band {
    std::vector<std::vector<geo::FlatPolygon>> shapes;
    std::vector<std::vector<geo::Envelope>> bounds;
    geo::BoxTree tree;
  };
  const Band& band(int z) const { return bands_[static_cast<std::size_t>(std::min(z, kMaxSimplifiedZoom))]; }
  std::array<Band, kMaxSimplifiedZoom + 1> bands_;
};

class TileSet {
 public:
  explicit TileSet(const Registry& registry);

  // Units of a level and division, in catalog order (units(d, level));
  // communes share one geometry copy for both divisions.
  const ZoomedPolygons& units(Level level, Division division) const;
  const std::vector<const Unit*>& unit_list(Level level, Division division) const;
  // The distinct footprint shapes: initiatives whose codes or names resolve
  // to the same units share one shape (one copy per zoom, not one per record).
  const ZoomedPolygons& footprints() const { return footprints_; }
  // For footprint shape k: the indexes in registry.initiatives() drawn with it, ascending.
  const std::vector<std::size_t>& footprint_owners(std::size_t k) const { return footprint_owners_[k]; }
  // (initiative index, footprint shape) of every footprint whose box at zoom
  // z meets `box`, by initiative index.
  std::vector<std::pair<std::size_t, std::size_t>> footprints_in(int z, const geo::Envelope& box) const;
  // A representative Web Mercator point per initiative (nullopt: no location).
  const std::vector<std::optional<std::pair<double, double>>>& initiative_points() const { return points_; }
  std::int64_t generation() const { return generation_; }

 private:
  static std::size_t slot(Level level, Division division) {
    return static_cast<std::size_t>(level) * 2 + static_cast<std::size_t>(division);
  }
  std::array<ZoomedPolygons, 6> units_;
  std::array<std::vector<const Unit*>, 6> unit_lists_;
  ZoomedPolygons footprints_;
  std::vector<std::vector<std::size_t>> footprint_owners_;
  std::vector<std::optional<std::pair<double, double>>> points_;
  std::int64_t generation_;
};

}  // namespace layers
