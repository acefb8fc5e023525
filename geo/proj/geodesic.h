#pragma once
// Areas and distances on the WGS 84 ellipsoid for lon/lat geometries
// (PROJ's geodesic routines), so km² and km figures do not depend on a
// projection.
#include "geo/geos/geometry.h"

namespace geo {

// Area in square metres of a polygonal lon/lat geometry (holes subtracted).
double geodesic_area_m2(const Geometry& g);

// Length in metres of the shortest path on the ellipsoid between two lon/lat points.
double geodesic_distance_m(double lon1, double lat1, double lon2, double lat2);

}  // namespace geo
