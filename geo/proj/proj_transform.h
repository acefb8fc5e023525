#pragma once
// PROJ contexts (one per thread, like GEOS contexts) and coordinate
// transformations between CRSs, always in lon/lat (x = easting) order.
#include <memory>
#include <string>
#include <vector>

namespace geo {

class ProjTransform {
 public:
  // from/to: anything PROJ understands ("EPSG:4326", "OGC:CRS84",
  // "EPSG:32719"). Axis order is normalised to x/east first. The transform
  // belongs to the creating thread's PROJ context: use it on that thread.
  ProjTransform(const std::string& from, const std::string& to);
  ~ProjTransform();
  ProjTransform(const ProjTransform&) = delete;
  ProjTransform& operator=(const ProjTransform&) = delete;

  // Transforms interleaved x,y pairs in place; throws ProjError naming the
  // first point PROJ cannot transform.
  void transform(std::vector<double>& xy) const;
  void transform(double& x, double& y) const;

 private:
  struct Deleter {
    void operator()(void* pj) const;
  };
  std::unique_ptr<void, Deleter> pj_;
};

// True if PROJ knows the CRS (e.g. "EPSG:32719").
bool proj_crs_exists(const std::string& crs);

}  // namespace geo
