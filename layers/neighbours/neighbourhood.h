#pragma once
// The neighbours of every unit of both divisions, and the distances between
// units: built once per boundary change (seconds at most), immutable
// afterwards and read by any number of threads.
//
// Communes are adjacent when their boundaries share a stretch of line (a
// single common point is not enough) or their polygons overlap (the
// bundled boundaries of different regions come from separate files and
// overlap slightly where they meet); a province or region is adjacent to
// another when one of its communes is adjacent to one of the other's. A
// unit with no adjacent unit (an island commune or province, Antártica)
// reaches instead the kNearestReach units of its level nearest by distance.
// Distances are geodesic, in km, between the units' centroids; a unit with
// no boundary (Antártica) is placed at its nearest ancestor's centroid.
#include <array>
#include <cstddef>
#include <string>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "layers/model/catalog.h"

namespace layers {

enum class Reach {
  adjacent,  // touching along an edge
  nearest,   // no unit is adjacent: one of the nearest units by distance
};
std::string_view reach_name(Reach r);

struct Neighbour {
  const Unit* unit = nullptr;
  Reach reach = Reach::adjacent;
  std::optional<double> distance_km;  // between centroids
};

class Neighbourhood {
 public:
  static constexpr std::size_t kNearestReach = 3;

  explicit Neighbourhood(const Catalog& catalog);

  // What the neighbourhood holds, by position in the catalog's lists, for
  // the territory cache: per level and division (slots as kParts lists
  // them), per unit of catalog.units(d, level): its location and its
  // neighbours by code with their reach; and the distance matrix.
  struct SavedUnit {
    std::optional<std::pair<double, double>> location;
    std::vector<std::pair<std::string, Reach>> neighbours;
  };
  struct SavedSlot {
    std::vector<SavedUnit> units;
    std::vector<float> km;  // row-major, n x n
  };
  static constexpr std::array<std::pair<Level, Division>, 6> kParts{{{Level::region, Division::d2018},
                                                                     {Level::province, Division::d2018},
                                                                     {Level::commune, Division::d2018},
                                                                     {Level::region, Division::d2007},
                                                                     {Level::province, Division::d2007},
                                                                     {Level::commune, Division::d2007}}};
  using Saved = std::array<SavedSlot, 6>;
  Saved saved(const Catalog& catalog) const;
  // From saved() of the same catalog. Throws DataError when it does not fit.
  Neighbourhood(const Catalog& catalog, const Saved& saved);
  Neighbourhood(const Neighbourhood&) = delete;
  Neighbourhood& operator=(const Neighbourhood&) = delete;

  // The neighbours of unit u of division d: adjacent units by code, or the
  // nearest ones by distance. Empty for a unit not in the catalog.
  const std::vector<Neighbour>& neighbours(Division d, const Unit& u) const;
  // Geodesic distance in km between the centroids of two units of the same
  // level and division; nullopt when either has no location.
  std::optional<double> distance_km(Division d, const Unit& a, const Unit& b) const;
  // The lon/lat point distances are measured from.
  std::optional<std::pair<double, double>> location(Division d, const Unit& u) const;

 private:
  struct Entry {
    std::size_t level_slot = 0, index = 0;  // position in units(d, level)
    std::optional<std::pair<double, double>> location;
    std::vector<Neighbour> neighbours;
  };
  // Distances between the units of one level and division, row-major
  // (NaN: no location), in catalog order.
  struct Matrix {
    std::size_t n = 0;
    std::vector<float> km;
  };
  static std::size_t slot(Level level, Division division) {
    return static_cast<std::size_t>(level) * 2 + static_cast<std::size_t>(division);
  }
  const Entry* entry(Division d, const Unit& u) const;

  std::unordered_map<const Unit*, Entry> entries_;  // units of both divisions
  Matrix matrices_[6];
};

}  // namespace layers
