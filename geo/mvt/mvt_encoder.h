#pragma once
// Mapbox Vector Tile 2.1 encoding with protozero. A tile holds layers with
// unique names; a layer interns its keys and values; a feature is built
// transactionally (id, geometry, properties, then commit()): a feature whose
// geometry has nothing valid left (rings under four points, zero area,
// no points) is rolled back, so the layer never holds a broken feature.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "geo/mvt/mvt_tags.h"

namespace geo::mvt {

struct IntPoint {
  std::int32_t x = 0, y = 0;
  bool operator==(const IntPoint&) const = default;
};
// A ring as a sequence of points; a closing repeat of the first point is allowed.
using Ring = std::vector<IntPoint>;
// rings[0] is the exterior, the rest holes.
using Polygon = std::vector<Ring>;

using Value = std::variant<std::string, double, std::int64_t, bool>;

// Twice the signed area (surveyor's formula) of a ring in tile coordinates;
// positive means clockwise on screen (y down), the MVT exterior winding.
std::int64_t ring_area2(const Ring& ring);

class Layer;

class FeatureBuilder {
 public:
  explicit FeatureBuilder(Layer& layer) : layer_(&layer) {}
  FeatureBuilder(const FeatureBuilder&) = delete;
  FeatureBuilder& operator=(const FeatureBuilder&) = delete;

  void set_id(std::uint64_t id) { id_ = id; has_id_ = true; }
  // Geometry: either points or polygons, not both (a second kind throws std::logic_error).
  void add_point(IntPoint p);
  // Normalises the polygon: drops repeated points and rings with under four
  // points or zero area, orients the exterior clockwise and holes
  // anticlockwise (tile coordinates). A polygon whose exterior is dropped
  // is dropped whole. Returns whether anything was kept.
  bool add_polygon(const Polygon& polygon);
  void add_property(const std::string& key, Value value);
  // The polygon commands add_polygon() built so far: a caller may keep them
  // and give them to another feature with set_polygon_commands(), which
  // skips the normalising (layers/tiles/unit_tile_geometry.h).
  const std::vector<std::uint32_t>& polygon_commands() const { return geometry_; }
  // Polygon geometry as commands from polygon_commands() (not empty); a
  // feature holding points throws std::logic_error.
  void set_polygon_commands(std::vector<std::uint32_t> commands);

  // Appends the feature to the layer if it has geometry; returns whether it
  // did. Without commit() (or after a failed one) nothing is added.
  bool commit();

 private:
  Layer* layer_;
  bool has_id_ = false, committed_ = false;
  std::uint64_t id_ = 0;
  GeomType type_ = GeomType::unknown;
  std::vector<IntPoint> points_;
  std::vector<std::uint32_t> geometry_;  // polygon commands
  IntPoint cursor_;                      // last encoded point, for deltas
  std::vector<std::pair<std::string, Value>> properties_;
};

class Layer {
 public:
  Layer(std::string name, std::uint32_t extent) : name_(std::move(name)), extent_(extent) {}
  const std::string& name() const { return name_; }
  std::uint32_t extent() const { return extent_; }
  std::size_t feature_count() const { return features_.size(); }
  // Encoded size of the features so far (for byte guards).
  std::size_t feature_bytes() const { return feature_bytes_; }
  bool empty() const { return features_.empty(); }
  // The encoded Layer message body.
  std::string encode() const;

 private:
  friend class FeatureBuilder;
  std::uint32_t key_index(const std::string& key);
  std::uint32_t value_index(const Value& value);

  std::string name_;
  std::uint32_t extent_;
  std::vector<std::string> features_;  // encoded Feature messages
  std::size_t feature_bytes_ = 0;
  std::vector<std::string> keys_;
  std::map<std::string, std::uint32_t> key_ids_;
  std::vector<std::string> values_;  // encoded Value messages
  std::map<std::string, std::uint32_t> value_ids_;
};

// Encodes a tile of the given layers, skipping empty ones. Throws
// std::invalid_argument if two layers share a name.
std::string encode_tile(const std::vector<const Layer*>& layers);

}  // namespace geo::mvt
