#pragma once
// Clipping to an axis-aligned rectangle with GEOS's rectangle intersection
// (GEOSClipByRect). Unlike Sutherland-Hodgman, it cuts a polygon that leaves
// and re-enters the rectangle into separate polygons instead of joining them
// with edges along the border, so valid input gives (in practice) valid
// output without a make-valid repair. GEOS does not promise validity, so
// callers still check what they need to be valid.
#include "geo/geos/geometry.h"

namespace geo {

// The part of g inside rect (borders included); polygons come back as
// Polygon, MultiPolygon or a GeometryCollection of them, possibly empty.
Geometry clip_by_rect(const Geometry& g, const Envelope& rect);

}  // namespace geo
