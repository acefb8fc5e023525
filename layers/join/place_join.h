#pragma once
// The join of one uploaded place (a point, several points or a polygonal
// geometry) to the communes it falls in, with the same rules and the same
// appended columns as the batch join of files (layers/join/batch_join.h), for
// records that arrive in memory.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "geo/geos/geometry.h"
#include "layers/model/catalog.h"

namespace layers {

struct PlaceJoin {
  std::vector<const Unit*> communes;  // 2018 communes, in the order found
  // point_in_polygon basis names (inside, inside_overlap, nearest),
  // polygon_overlap, polygon_overlap_repaired, or why nothing was joined:
  // outside_chile, none, no_geometry, unsupported_geometry, invalid_geometry.
  std::string basis;
};

// Points: each must be in Chile and in (or near) a commune, else the whole
// place joins nothing.
PlaceJoin join_points(const Catalog& catalog, const std::vector<std::pair<double, double>>& lon_lat);
// A polygonal geometry: the communes it overlaps by at least the join's
// minimum share (of the polygon or of the commune); repaired if invalid.
PlaceJoin join_polygonal(const Catalog& catalog, const geo::Geometry& g);

// The appended column names, in order: commune, province and region codes
// and names (2018), province and region codes and names (2007), join_basis.
const std::vector<std::string>& place_join_columns();
// The values of those columns; several units are joined with ';'.
std::vector<std::string> place_join_values(const Catalog& catalog, const PlaceJoin& j);

// place_join_values() remembered per (commune, basis), for files whose records
// fall in a few hundred communes: a join of at most one commune costs a
// lookup instead of eleven strings. One per upload (not thread-safe).
class PlaceJoinValues {
 public:
  explicit PlaceJoinValues(const Catalog& catalog) : catalog_(catalog) {}
  // Valid until the next call.
  const std::vector<std::string>& operator()(const PlaceJoin& j);

 private:
  const Catalog& catalog_;
  std::map<std::pair<const Unit*, std::string>, std::vector<std::string>> seen_;
  std::vector<std::string> several_;  // a join of several communes, not remembered
};

}  // namespace layers
