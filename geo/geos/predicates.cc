#include "geo/geos/predicates.h"

#include "geo/geos/geos_context.h"

namespace geo {

bool relate(Relation relation, const Geometry& a, const Geometry& b) {
  GEOSContextHandle_t h = geos_handle();
  char r = 2;
  switch (relation) {
    case Relation::intersects: r = GEOSIntersects_r(h, a.get(), b.get()); break;
    case Relation::within: r = GEOSWithin_r(h, a.get(), b.get()); break;
    case Relation::contains: r = GEOSContains_r(h, a.get(), b.get()); break;
    case Relation::disjoint: r = GEOSDisjoint_r(h, a.get(), b.get()); break;
    case Relation::equals: r = GEOSEquals_r(h, a.get(), b.get()); break;
    case Relation::touches: r = GEOSTouches_r(h, a.get(), b.get()); break;
    case Relation::crosses: r = GEOSCrosses_r(h, a.get(), b.get()); break;
    case Relation::overlaps: r = GEOSOverlaps_r(h, a.get(), b.get()); break;
  }
  if (r == 2) geos_context().fail("evaluating a spatial predicate");
  return r == 1;
}

std::string relate_matrix(const Geometry& a, const Geometry& b) {
  GEOSContextHandle_t h = geos_handle();
  char* m = GEOSRelate_r(h, a.get(), b.get());
  if (!m) geos_context().fail("computing a DE-9IM matrix");
  std::string out(m);
  GEOSFree_r(h, m);
  return out;
}

}  // namespace geo
