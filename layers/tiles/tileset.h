#pragma once
// The geometry behind every map tile of one registry: unit boundaries and
// initiative footprints reprojected once to Web Mercator, simplified once
// per zoom and indexed per zoom, immutable afterwards, read by any number
// of threads. Two parts: UnitTiles (the boundaries, simplified as one
// coverage so neighbours never gap or overlap: built once per boundary
// change) and FootprintTiles (the initiatives: each distinct footprint
// shape simplified on its own, so a write simplifies only the shapes it
// brings and shares every other with the tiles before it).
#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/index/box_tree.h"
#include "geo/geos/geometry_ops.h"
#include "layers/model/chunked_vector.h"
#include "layers/snapshot/registry.h"

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

// One feature's Web Mercator polygons, simplified for every zoom.
class ZoomedShape {
 public:
  static constexpr std::size_t kBands = kMaxSimplifiedZoom + 1;
  // Simplified on its own (a coverage of one).
  explicit ZoomedShape(const std::vector<geo::FlatPolygon>& mercator);
  // Already simplified: bands[z] is the copy drawn at zoom z.
  explicit ZoomedShape(std::array<std::vector<geo::FlatPolygon>, kBands> bands);

  const std::vector<geo::FlatPolygon>& polygons(int z) const { return band(z).polygons; }
  const std::vector<geo::Envelope>& bounds(int z) const { return band(z).bounds; }
  const geo::Envelope& box(int z) const { return band(z).box; }

 private:
  struct Band {
    std::vector<geo::FlatPolygon> polygons;
    std::vector<geo::Envelope> bounds;  // geo::polygon_bounds() of each polygon
    geo::Envelope box;                  // of them all (holes lie inside their shells)
  };
  const Band& band(int z) const { return bands_[static_cast<std::size_t>(std::min(z, kMaxSimplifiedZoom))]; }
  std::array<Band, kBands> bands_;
};

// A set of polygonal features simplified per zoom, with a box index per zoom.
class ZoomedPolygons {
 public:
  ZoomedPolygons() = default;
  // features: Web Mercator polygons; simplified as one coverage.
  explicit ZoomedPolygons(const std::vector<std::vector<geo::FlatPolygon>>& features);
  // Shapes simplified already (each on its own), indexed here.
  explicit ZoomedPolygons(std::vector<std::shared_ptr<const ZoomedShape>> shapes);

  std::size_t size() const { return shapes_.size(); }
  const std::shared_ptr<const ZoomedShape>& item(std::size_t i) const { return shapes_[i]; }
  // The copy of feature i drawn at zoom z.
  const std::vector<geo::FlatPolygon>& shape(int z, std::size_t i) const { return shapes_[i]->polygons(z); }
  // geo::polygon_bounds() of each polygon of shape(z, i), for geo::tile_polygons.
  const std::vector<geo::Envelope>& bounds(int z, std::size_t i) const { return shapes_[i]->bounds(z); }
  // Features whose box at zoom z meets `box`, in index order.
  std::vector<std::size_t> query(int z, const geo::Envelope& box) const;
  // Vertices stored at zoom z (for budgets and tests).
  std::size_t vertex_count(int z) const;

 private:
  void index();
  std::vector<std::shared_ptr<const ZoomedShape>> shapes_;
  std::array<geo::BoxTree, ZoomedShape::kBands> trees_;
};

// The boundaries of every level and division, per zoom.
class UnitTiles {
 public:
  using Shapes = std::vector<std::shared_ptr<const ZoomedShape>>;
  // The distinct sets of shapes, in the order shapes() gives them: communes
  // are one set for both divisions.
  static constexpr std::array<std::pair<Level, Division>, 5> kSets{{{Level::commune, Division::d2018},
                                                                    {Level::province, Division::d2018},
                                                                    {Level::province, Division::d2007},
                                                                    {Level::region, Division::d2018},
                                                                    {Level::region, Division::d2007}}};

  explicit UnitTiles(const Catalog& catalog);
  // From shapes simplified before (the territory cache): sets[k] holds the
  // shapes of kSets[k] in unit_list order. Throws DataError when a set does
  // not have one shape per unit.
  UnitTiles(const Catalog& catalog, std::vector<Shapes> sets);
  UnitTiles(const UnitTiles&) = delete;
  UnitTiles& operator=(const UnitTiles&) = delete;

  // Units of a level and division, in catalog order (units(d, level));
  // communes share one geometry copy for both divisions.
  const ZoomedPolygons& units(Level level, Division division) const;
  const std::vector<const Unit*>& unit_list(Level level, Division division) const;

 private:
  static std::size_t slot(Level level, Division division) {
    return static_cast<std::size_t>(level) * 2 + static_cast<std::size_t>(division);
  }
  std::array<ZoomedPolygons, 6> units_;
  std::array<std::vector<const Unit*>, 6> unit_lists_;
};

// The initiatives as tiles draw them: a footprint shape and a point each.
class FootprintTiles {
 public:
  using Point = std::pair<double, double>;
  using Points = ChunkedVector<std::optional<Point>>;
  explicit FootprintTiles(const Registry& registry);
  // After a write (registry holds update.records): unchanged records keep
  // their shape and point; shapes are simplified only for written records
  // whose footprint no other record already draws.
  FootprintTiles(const FootprintTiles& before, const Registry& registry, const ListUpdate& update);
  FootprintTiles(const FootprintTiles&) = delete;
  FootprintTiles& operator=(const FootprintTiles&) = delete;

  // The distinct footprint shapes, in order of their first owner: records
  // whose codes or names resolve to the same units share one.
  const ZoomedPolygons& footprints() const { return *footprints_; }
  // For footprint shape k: the indexes in registry.initiatives() drawn with it, ascending.
  const std::vector<std::size_t>& footprint_owners(std::size_t k) const { return owners_[k]; }
  // (initiative index, footprint shape) of every footprint whose box at zoom
  // z meets `box`, by initiative index.
  std::vector<std::pair<std::size_t, std::size_t>> footprints_in(int z, const geo::Envelope& box) const;
  // A representative Web Mercator point per initiative (nullopt: no location).
  const Points& initiative_points() const { return points_; }

 private:
  // The shape and point of a code or name footprint, by the unit geometries it names.
  struct Drawn {
    std::shared_ptr<const ZoomedShape> shape;
    Point point;
  };
  using ShapeMemo = std::map<std::vector<const geo::Geometry*>, Drawn>;
  class Drawer;
  // Fills footprints_ and owners_ from shapes_.
  void index();
  // The same after a write, from before's: the owners moved by the edits
  // (costs the records drawn with a shape, not every record); before's
  // box index is reused when the distinct shapes are the same.
  void reindex(const FootprintTiles& before, const ListUpdate& update);

  ChunkedVector<std::shared_ptr<const ZoomedShape>> shapes_;  // per initiative; null: none
  Points points_;
  std::shared_ptr<const ZoomedPolygons> footprints_;
  std::vector<std::vector<std::size_t>> owners_;
  std::shared_ptr<const ShapeMemo> memo_;
};

// Both parts, of one registry generation.
class TileSet {
 public:
  // Builds both parts (a second or more): for tools and tests; a snapshot
  // assembles its tile set from parts.
  explicit TileSet(const Registry& registry);
  TileSet(std::shared_ptr<const UnitTiles> units, std::shared_ptr<const FootprintTiles> footprints,
          std::int64_t generation);

  const ZoomedPolygons& units(Level level, Division division) const { return units_->units(level, division); }
  const std::vector<const Unit*>& unit_list(Level level, Division division) const {
    return units_->unit_list(level, division);
  }
  const ZoomedPolygons& footprints() const { return footprints_->footprints(); }
  const std::vector<std::size_t>& footprint_owners(std::size_t k) const { return footprints_->footprint_owners(k); }
  std::vector<std::pair<std::size_t, std::size_t>> footprints_in(int z, const geo::Envelope& box) const {
    return footprints_->footprints_in(z, box);
  }
  const FootprintTiles::Points& initiative_points() const { return footprints_->initiative_points(); }
  std::int64_t generation() const { return generation_; }

  const std::shared_ptr<const UnitTiles>& unit_tiles() const { return units_; }
  const std::shared_ptr<const FootprintTiles>& footprint_tiles() const { return footprints_; }

 private:
  std::shared_ptr<const UnitTiles> units_;
  std::shared_ptr<const FootprintTiles> footprints_;
  std::int64_t generation_;
};

}  // namespace layers
