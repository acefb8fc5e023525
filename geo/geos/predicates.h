#pragma once
// The DE-9IM named predicates of GEOS (reentrant API, the calling thread's context).
#include "geo/geos/geometry.h"

namespace geo {

enum class Relation { intersects, within, contains, disjoint, equals, touches, crosses, overlaps };

// relation(a, b): "a within b", "a contains b" ...
bool relate(Relation relation, const Geometry& a, const Geometry& b);

}  // namespace geo
