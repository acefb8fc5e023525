#pragma once
// Owners of GDAL vector datasets and OGR features, and the conversions
// between OGR and GEOS geometries (through WKB), optionally reprojected on
// the way out. Layers are owned by their dataset, so Layer is a non-owning
// view that must not outlive it.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/geos/geometry.h"

namespace geo {

// Registers GDAL drivers once, quiets GDAL's stderr handler (errors are
// turned into exceptions with CPLGetLastErrorMsg at each call site).
void gdal_init();

// A coordinate transformation from lon/lat (EPSG:4326, longitude first) to
// another CRS, easting first, for geometries handed to GDAL. Belongs to the
// creating thread (PROJ state), like the dataset it writes into.
class GeometryTransform {
 public:
  // to: "EPSG:32719", "EPSG:3857", ... GdalError if GDAL does not know it.
  explicit GeometryTransform(const std::string& to);
  void* get() const { return t_.get(); }

 private:
  struct Deleter {
    void operator()(void* t) const;
  };
  std::unique_ptr<void, Deleter> t_;
};

class Feature {
 public:
  Feature() = default;
  explicit Feature(void* f) : f_(f) {}
  explicit operator bool() const { return f_ != nullptr; }
  void* get() const { return f_.get(); }

  long long fid() const;
  int field_count() const;
  int field_index(const std::string& name) const;  // -1 if absent
  bool is_set(int i) const;  // set and not null
  std::string get_string(int i) const;
  std::string get_string(const std::string& name) const;  // "" if absent or null
  // The feature's first geometry as GEOS, empty owner if it has none.
  Geometry geometry() const;

  void set(int i, const std::string& value);
  void set(int i, double value);
  void set(int i, long long value);
  void set_null(int i);
  // Sets the geometry (none for an empty owner), through transform when
  // given; GdalError when a coordinate has no image.
  void set_geometry(const Geometry& g, const GeometryTransform* transform = nullptr);
  // Copies the fields of src that exist by name in this feature, and its geometry.
  void set_from(const Feature& src);

 private:
  struct Deleter {
    void operator()(void* f) const;
  };
  std::unique_ptr<void, Deleter> f_;
};

// integer: 64-bit; boolean: an integer 0/1 that drivers with the notion
// (GeoPackage, FlatGeobuf, the CSV types file) record as a boolean.
enum class FieldType { string, integer, real, boolean };
enum class GeometryType { unknown, point, multi_polygon };

class Layer {
 public:
  explicit Layer(void* l) : l_(l) {}
  void* get() const { return l_; }
  std::string name() const;
  long long feature_count(bool force = true) const;
  std::vector<std::string> field_names() const;
  bool has_geometry() const;
  // The layer CRS as WKT, if it has one.
  std::optional<std::string> crs_wkt() const;
  void reset_reading();
  Feature next();  // empty Feature at the end
  Feature new_feature() const;
  void create_field(const std::string& name, FieldType type);
  // Creates a field for each field of src with its name and type.
  void create_fields_like(const Layer& src);
  void write(Feature& f);

 private:
  void* l_;
};

class Dataset {
 public:
  // Opens a vector source read-only; GdalError if GDAL cannot open it.
  static Dataset open_vector(const std::string& path, const std::vector<std::string>& open_options = {});
  // Creates a new vector dataset with the named driver ("GPKG", "GeoJSON", "CSV").
  static Dataset create_vector(const std::string& driver, const std::string& path,
                               const std::vector<std::string>& options = {});

  int layer_count() const;
  Layer layer(int i) const;
  // crs: "EPSG:4326" (stored longitude first, as GIS formats do), any
  // other "EPSG:n", or empty for no CRS.
  Layer create_layer(const std::string& name, GeometryType type, const std::string& crs,
                     const std::vector<std::string>& options = {});
  void start_transaction();
  void commit_transaction();
  // Flushes and closes; reports write failures that a destructor could not.
  void close();
  void* get() const { return d_.get(); }

 private:
  struct Deleter {
    void operator()(void* d) const;
  };
  std::unique_ptr<void, Deleter> d_;
};

}  // namespace geo
