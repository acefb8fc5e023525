#include "geo/geos/rect_clip.h"

#include "geo/geos/geos_context.h"

namespace geo {

Geometry clip_by_rect(const Geometry& g, const Envelope& rect) {
  GEOSGeometry* c = GEOSClipByRect_r(geos_handle(), g.get(), rect.min_x, rect.min_y, rect.max_x, rect.max_y);
  if (!c) geos_context().fail("clipping to a rectangle");
  return Geometry(c);
}

}  // namespace geo
