#pragma once
// Owner of one GEOSGeometry. Move-only; destroyed with the calling thread's
// context (destruction touches no context state, so any thread may free it).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// GEOS's own typedef, repeated so that users of Geometry need not include geos_c.h.
typedef struct GEOSGeom_t GEOSGeometry;

namespace geo {

struct Envelope {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  bool contains(double x, double y) const { return x >= min_x && x <= max_x && y >= min_y && y <= max_y; }
  bool intersects(const Envelope& o) const {
    return min_x <= o.max_x && o.min_x <= max_x && min_y <= o.max_y && o.min_y <= max_y;
  }
  void expand(const Envelope& o);
  // Grows to hold the interleaved x, y coordinates.
  void expand(const std::vector<double>& xy);
  // Holds nothing; the first expand() sets it.
  static Envelope empty();
};

class Geometry {
 public:
  Geometry() = default;
  // Takes ownership of g (may be null: an empty owner).
  explicit Geometry(GEOSGeometry* g) : g_(g) {}

  static Geometry from_wkb(const unsigned char* data, std::size_t size);
  static Geometry from_wkb(std::string_view wkb) {
    return from_wkb(reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size());
  }
  static Geometry from_wkt(const std::string& wkt);
  static Geometry point(double x, double y);
  // A MultiPolygon collecting parts (ownership of each moved in).
  static Geometry multi_polygon(std::vector<Geometry> polygons);

  std::vector<unsigned char> to_wkb() const;
  std::string to_wkt(int precision = 7) const;

  explicit operator bool() const { return g_ != nullptr; }
  const GEOSGeometry* get() const { return g_.get(); }
  GEOSGeometry* release() { return g_.release(); }
  Geometry clone() const;

  int type_id() const;  // GEOS_POINT, GEOS_POLYGON, GEOS_MULTIPOLYGON ...
  bool is_empty() const;
  bool is_polygonal() const;
  bool is_puntal() const;  // Point or MultiPoint
  bool is_valid() const;
  std::string invalid_reason() const;
  Envelope envelope() const;
  // Planar area in squared CRS units.
  double area() const;
  std::size_t num_points() const;

 private:
  struct Deleter {
    void operator()(GEOSGeometry* g) const;
  };
  std::unique_ptr<GEOSGeometry, Deleter> g_;
};

}  // namespace geo
