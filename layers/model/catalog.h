#pragma once
// The territorial units of both divisions with their geometries, and the
// commune polygon index. Built once (from the store), immutable afterwards,
// shared read-only by every request thread.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geo/geos/geometry.h"
#include "geo/index/point_grid.h"
#include "geo/index/polygon_index.h"
#include "layers/model/unit.h"

namespace layers {

struct UnitRecord {
  Division division = Division::d2018;
  Unit unit;
  std::string former_code;  // a commune's 2007 code where it differs (Ñuble: 08401 -> 16101)
  std::shared_ptr<const geo::Geometry> geometry;  // lon/lat MultiPolygon; null for Antártica
};

// How a point was assigned to a commune.
enum class PointBasis {
  inside,          // inside exactly one commune polygon
  inside_overlap,  // inside several overlapping polygons: the one it lies deepest in
  nearest,         // in no polygon but within the snap distance of one (coast, river mouth)
  none,            // in no polygon and farther than the snap distance: unresolved
};
std::string_view point_basis_name(PointBasis b);

struct PointMatch {
  const Unit* commune = nullptr;  // null when basis == none
  PointBasis basis = PointBasis::none;
  double distance_m = 0;  // for nearest: distance to the polygon
};

class Catalog {
 public:
  // Default distance within which a point in no polygon snaps to the nearest
  // commune: the bundled boundaries are simplified (INE via chilemapas), so a
  // coastal point may fall a few hundred metres off the generalised coast.
  static constexpr double kDefaultSnapMetres = 2000;

  explicit Catalog(std::vector<UnitRecord> records, double snap_metres = kDefaultSnapMetres);

  const Unit* find(Division d, std::string_view code) const;  // accepts former commune codes
  const geo::Geometry* geometry(Division d, std::string_view code) const;
  std::vector<const Unit*> units(Division d, Level level) const;  // ordered by code
  std::vector<const Unit*> children(Division d, const Unit& u) const;
  const Unit* parent(Division d, const Unit& u) const;
  // The province and region of a commune in division d.
  const Unit* ancestor(Division d, const Unit& commune, Level level) const;
  // Communes inside unit u of division d (u itself if a commune), by code.
  std::vector<const Unit*> communes_of(Division d, const Unit& u) const;
  std::string former_code(std::string_view commune_code) const;

  // The commune a lon/lat point falls in, by the rules of PointBasis.
  PointMatch locate(double lon, double lat) const;
  // Communes whose polygons overlap a polygonal geometry.
  std::vector<geo::PolygonIndex::Overlap> overlapping_communes(const geo::Geometry& g) const;
  const Unit* commune_by_index(std::size_t i) const { return commune_order_[i]; }
  double snap_metres() const { return snap_metres_; }
  const geo::Envelope& extent() const { return extent_; }

 private:
  struct DivisionData {
    std::vector<UnitRecord> records;
    std::unordered_map<std::string, std::size_t> by_code;
    std::unordered_map<std::string, std::vector<std::size_t>> children;  // parent code -> records
  };
  const DivisionData& data(Division d) const { return d == Division::d2018 ? d2018_ : d2007_; }
  DivisionData d2018_, d2007_;
  std::vector<const Unit*> commune_order_;  // PolygonIndex id -> 2018 commune
  std::unique_ptr<geo::PolygonIndex> communes_index_;
  std::unique_ptr<geo::PointGrid> communes_grid_;  // settles most points of locate() in one lookup
  std::unordered_map<std::string, std::string> former_codes_;
  double snap_metres_;
  geo::Envelope extent_;
};

}  // namespace layers
