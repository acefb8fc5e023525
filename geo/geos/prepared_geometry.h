#pragma once
// Owner of a GEOS prepared geometry. It borrows its base geometry, which must
// outlive it. Prepared geometries fill caches lazily: use one per thread.
#include <geos_c.h>

#include <memory>

#include "geo/geos/geometry.h"

namespace geo {

class PreparedGeometry {
 public:
  explicit PreparedGeometry(const Geometry& base);
  bool intersects(const Geometry& other) const;
  bool contains(const Geometry& other) const;
  bool covers(const Geometry& other) const;

 private:
  struct Deleter {
    void operator()(const GEOSPreparedGeometry* p) const;
  };
  std::unique_ptr<const GEOSPreparedGeometry, Deleter> p_;
};

}  // namespace geo
