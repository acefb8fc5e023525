#pragma once
// GEOS operations on owned geometries. Each returns a new owner or a value;
// failures throw GeosError with the GEOS message.
#include <functional>
#include <utility>
#include <vector>

#include "geo/geos/geometry.h"

namespace geo {

// Repairs g (GEOS make-valid, "structure" method) and keeps its polygonal
// parts as a MultiPolygon. Empty if nothing polygonal survives.
Geometry make_valid_polygonal(const Geometry& g);
// Polygonal parts of g as a MultiPolygon (Polygon -> one-part MultiPolygon).
Geometry to_multi_polygon(const Geometry& g);
// Union of all the geometries (cascaded).
Geometry union_all(const std::vector<const Geometry*>& parts);
Geometry intersection(const Geometry& a, const Geometry& b);
double intersection_area(const Geometry& a, const Geometry& b);
Geometry point_on_surface(const Geometry& g);
// The centroid (planar, in the coordinates' own units); empty for an empty g.
Geometry centroid(const Geometry& g);
double distance(const Geometry& a, const Geometry& b);
bool intersects(const Geometry& a, const Geometry& b);

// Rings of a polygonal geometry as flat coordinate arrays: for each polygon,
// its exterior ring then its holes. Each ring is x0,y0,x1,y1,... closed.
struct FlatPolygon {
  std::vector<std::vector<double>> rings;  // rings[0] exterior, rest holes
};
std::vector<FlatPolygon> flatten_polygons(const Geometry& g);

// g with extra positions so that no segment is longer than max_segment (in
// g's own units).
Geometry densified(const Geometry& g, double max_segment);

// g with every position replaced by what map makes of it (in place); map
// returns false for a position that has no image, and then so does this
// (GeosError). map must not throw: it runs inside GEOS.
Geometry map_positions(const Geometry& g, const std::function<bool(double& x, double& y)>& map);

// x,y of a Point.
void point_xy(const Geometry& point, double& x, double& y);
// Coordinates of a Point or of each part of a MultiPoint.
std::vector<std::pair<double, double>> point_coordinates(const Geometry& g);

}  // namespace geo
