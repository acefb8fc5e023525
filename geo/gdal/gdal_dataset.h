#pragma once
// Owners of GDAL vector datasets and OGR features, and the conversions
// between OGR and GEOS geometries (through WKB). Layers are owned by their
// dataset, so Layer is a non-owning view that must not outlive it.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/geos/geometry.h"

namespace geo {

// Registers GDAL drivers once, quiets GDAL's stderr handler (errors are
// turned into exceptions with CPLGetLastErrorMsg at each call site).
void gdal_init();

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
  void set_geometry(const Geometry& g);
  // Copies the fields of src that exist by name in this feature, and its geometry.
  void set_from(const Feature& src);

 private:
  struct Deleter {
    void operator()(void* f) const;
  };
  std::unique_ptr<void, Deleter> f_;
};

enum class FieldType { string, integer, real };
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
  Layer create_layer(const std::string& name, GeometryType type, bool lonlat_4326,
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
