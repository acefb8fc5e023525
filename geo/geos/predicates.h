#pragma once
// The DE-9IM named predicates of GEOS (reentrant API, the calling thread's context).
#include <string>

#include "geo/geos/geometry.h"

namespace geo {

enum class Relation { intersects, within, contains, disjoint, equals, touches, crosses, overlaps };

// relation(a, b): "a within b", "a contains b" ...
bool relate(Relation relation, const Geometry& a, const Geometry& b);
// The DE-9IM matrix of a and b: nine characters (II, IB, IE, BI, BB, BE, EI,
// EB, EE), each 'F', '0', '1' or '2'.
std::string relate_matrix(const Geometry& a, const Geometry& b);

}  // namespace geo
