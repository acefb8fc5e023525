#pragma once
// Areas on the WGS 84 ellipsoid for lon/lat geometries (PROJ's geodesic
// routines), so km² figures do not depend on a projection.
#include "geo/geos/geometry.h"

namespace geo {

// Area in square metres of a polygonal lon/lat geometry (holes subtracted).
double geodesic_area_m2(const Geometry& g);

}  // namespace geo
