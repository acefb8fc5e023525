#pragma once
// The steps every published collection is built with, whether whole or
// after a write: the GeoJSON text of a geometry (once per geometry object,
// with its hash), a feature's properties text and digest, a collection's
// indexes. One definition of each, so both ways write the same bytes.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "layers/features/collections.h"

namespace layers {

// The GeoJSON of one geometry object (CRS84, kDegreePrecision), shared by
// every feature drawn from it, its hash and (polygons) its bbox test.
struct GeometryText {
  std::shared_ptr<const std::string> json;
  std::uint64_t digest = 0;
  std::shared_ptr<const geo::BoxPolygonTest> box_test;  // polygonal geometries: their bbox test
};
GeometryText geometry_text(const geo::Geometry& g);

// Texts of the catalog's unit geometries, by geometry object: code
// footprints borrow the geometry and text of the unit they name.
using UnitTexts = std::unordered_map<const geo::Geometry*, GeometryText>;

// FNV-1a, continued from h over s and a separator.
std::uint64_t digest_mix(std::uint64_t h, std::string_view s);
inline constexpr std::uint64_t kDigestSeed = 1469598103934665603ull;

// Gives f its geometry (null or empty: none), box and text.
void set_geometry(PublishedFeature& f, std::shared_ptr<const geo::Geometry> geometry, const GeometryText& text);
// Writes f's properties_json from its values (aligned with fields) and its digest.
void render(PublishedFeature& f, const std::vector<FieldDef>& fields);
// Fills the box index, extent, temporal extent and digest of c from its features.
void index(Collection& c);
// The same for c, which is `before` after a write: `edits` replaced,
// inserted or erased features by position (layers/model/chunked_vector.h),
// written are the positions of c's new features. The features themselves
// are read only when a removed one bounded an extent.
void reindex(Collection& c, const Collection& before, const std::vector<SequenceEdit>& edits,
             const std::vector<std::size_t>& written);
// The same when only properties changed (unit counts after a write): every
// feature keeps its position and geometry, so the box index and extents are
// before's; only the digest is summed again.
void reindex_properties(Collection& c, const Collection& before);

}  // namespace layers
