#pragma once
// The catalog of published feature collections (OGC API - Features): the
// units of both divisions, the initiatives and the census zones, each with
// a fixed schema, its features in id order, a box index, and the GeoJSON
// text of every geometry and property set precomputed at build, so the
// request path only selects and concatenates. Features and collections are
// immutable and shared: the catalog after a write holds the same objects
// for everything the write did not change (layers/features/unit_features.h,
// layers/features/initiative_features.h build them).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "geo/geos/geometry.h"
#include "geo/index/box_polygon_test.h"
#include "layers/features/feature_census.h"
#include "layers/features/feature_index.h"
#include "layers/features/feature_value.h"
#include "layers/model/chunked_vector.h"
#include "layers/snapshot/registry.h"

namespace layers {

// Decimals of written coordinates: 6 for degrees (about 0.1 m on the
// ground), 2 for projected metres (1 cm).
inline constexpr int kDegreePrecision = 6;
inline constexpr int kMetrePrecision = 2;

enum class GeometryKind { multi_polygon, point, any };
// The GeoJSON geometry type name ("MultiPolygon", "Point", "Geometry").
std::string_view geometry_kind_name(GeometryKind k);

struct FieldDef {
  std::string name;
  FieldType type = FieldType::string;
  std::string title;
  bool list = false;  // ';'-separated codes: equality matches any element
};

struct PublishedFeature {
  std::string id;
  std::vector<FieldValue> values;                 // aligned with Collection::fields
  std::shared_ptr<const geo::Geometry> geometry;  // lon/lat; null when the feature has none
  geo::Envelope box;                              // of the geometry, when it has one
  // The exact bbox test of a polygonal geometry without GEOS (null for
  // others), shared like geometry_text.
  std::shared_ptr<const geo::BoxPolygonTest> box_test;
  // CRS84 with kDegreePrecision, "null" without geometry: a view of
  // geometry_text, one text per geometry object, shared by every feature
  // drawn from it (a unit and the code footprints naming it).
  std::string_view geometry_json = "null";
  std::shared_ptr<const std::string> geometry_text;
  std::string properties_json;                    // {"field":value,...} in field order
  std::optional<int> year;                        // the temporal instant (initiatives: contest year)
  std::uint64_t geometry_digest = 0;              // hash of geometry_text (0 without one)
  std::uint64_t digest = 0;                       // hash of id, geometry text and properties (fingerprint)
};

// A collection's features: shared in chunks, so a write's collection copies
// only the chunks holding what it changed.
using FeatureList = ChunkedVector<std::shared_ptr<const PublishedFeature>>;

struct Collection {
  std::string id, title, description;
  GeometryKind geometry_kind = GeometryKind::multi_polygon;
  std::vector<FieldDef> fields;
  std::size_t id_field = 0;  // the property that repeats each feature's id (code, zone_code, id)
  FeatureList features;                    // ordered by id
  std::optional<geo::Envelope> extent;     // lon/lat of every geometry
  bool temporal = false;                   // answers datetime
  std::optional<std::pair<int, int>> years;  // temporal extent, when temporal
  FeatureIndex spatial;                    // the features with a geometry, by box
  std::uint64_t digest = 0;                // a sum of the features' digests (they are in id order)

  std::optional<std::size_t> field_index(std::string_view name) const;
  const PublishedFeature* find(std::string_view feature_id) const;
};

class FeatureCatalog {
 public:
  // Builds every collection from one registry (plus the static census
  // zones): about a second. A snapshot assembles its catalog from parts
  // instead (the constructor below); this one is for tools and tests.
  FeatureCatalog(const Registry& registry, const std::vector<CensusZone>& census_zones);
  // The catalog of these collections (units, initiatives, census zones).
  FeatureCatalog(std::vector<std::shared_ptr<const Collection>> collections, std::int64_t generation);

  const std::vector<std::shared_ptr<const Collection>>& collections() const { return collections_; }
  const Collection* find(std::string_view id) const;
  std::int64_t generation() const { return generation_; }
  // A short hash of every published byte: equal catalogs, equal
  // fingerprints (tests compare snapshots by it; ETags come from the
  // generation, server/caching_policy.h).
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  std::vector<std::shared_ptr<const Collection>> collections_;
  std::int64_t generation_;
  std::string fingerprint_;
};

}  // namespace layers
