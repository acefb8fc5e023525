#pragma once
// GEOS polygons built straight from flat coordinate buffers (interleaved
// x, y), for readers that already hold the numbers: no detour through WKT
// text and its parser.
#include <vector>

#include "geo/geos/geometry.h"

namespace geo {

// A polygon from its rings: the shell first, then the holes; each ring
// interleaved x, y, closed, with at least 4 positions. Throws GeometryError
// when GEOS refuses a ring.
Geometry polygon_from_rings(const std::vector<std::vector<double>>& rings);

// A MultiPoint of interleaved x, y positions (an empty one for no positions).
Geometry multi_point_from_xy(const std::vector<double>& xy);

}  // namespace geo
