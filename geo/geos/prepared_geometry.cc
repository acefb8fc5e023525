#include "geo/geos/prepared_geometry.h"

#include "geo/geos/geos_context.h"

namespace geo {

void PreparedGeometry::Deleter::operator()(const GEOSPreparedGeometry* p) const {
  GEOSPreparedGeom_destroy_r(geos_handle(), p);
}

PreparedGeometry::PreparedGeometry(const Geometry& base) : p_(GEOSPrepare_r(geos_handle(), base.get())) {
  if (!p_) geos_context().fail("preparing a geometry");
}

namespace {
bool checked(char r, const char* what) {
  if (r == 2) geos_context().fail(what);
  return r == 1;
}
}  // namespace

bool PreparedGeometry::intersects(const Geometry& other) const {
  return checked(GEOSPreparedIntersects_r(geos_handle(), p_.get(), other.get()), "prepared intersects");
}
bool PreparedGeometry::contains(const Geometry& other) const {
  return checked(GEOSPreparedContains_r(geos_handle(), p_.get(), other.get()), "prepared contains");
}
bool PreparedGeometry::covers(const Geometry& other) const {
  return checked(GEOSPreparedCovers_r(geos_handle(), p_.get(), other.get()), "prepared covers");
}

}  // namespace geo
