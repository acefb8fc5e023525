#pragma once
// Selection of the features of one collection: bbox, datetime, attribute
// and CQL2 filters, sort order and paging. Returns pointers into the
// collection (nothing is copied), in id order unless sorted.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "geo/geos/geometry.h"
#include "layers/features/collections.h"
#include "layers/features/feature_crs.h"
#include "layers/cql2/cql2_ast.h"

namespace layers {

inline constexpr std::size_t kDefaultLimit = 10;
inline constexpr std::size_t kMaxLimit = 10000;

struct SortKey {
  std::size_t field = 0;
  bool descending = false;
};

struct FeatureQuery {
  // lon/lat boxes, any of which a geometry must intersect (a bbox across
  // the antimeridian arrives as two); empty: no spatial condition.
  std::vector<geo::Envelope> boxes;
  std::optional<int> year_min, year_max;  // datetime, inclusive; features without a year match it
  std::vector<const cql2::Node*> filters;  // bound filters, all must match
  std::vector<SortKey> sortby;             // then by id
  std::size_t offset = 0;
  std::size_t limit = kDefaultLimit;
};

struct FeaturePage {
  std::vector<const PublishedFeature*> features;  // the page
  std::size_t matched = 0;                        // features matching, over all pages
};

FeaturePage query_features(const Collection& collection, const FeatureQuery& query);

// A bound filter "name = value" for a queryable given as a query parameter
// (?region_code=05): compared like CQL2's "=" (exact text; list fields
// match any element). Throws cql2::UnknownProperty for an unknown name and
// std::invalid_argument for a value the field's type cannot hold.
cql2::NodePtr property_equals(const Collection& collection, const std::string& name, const std::string& value);

// Binds a parsed CQL2 filter to the collection's fields ("geometry" is the
// geometry) and brings its geometry literals from filter_crs to CRS84;
// throws cql2::UnknownProperty, cql2::TypeError, and a DomainError (invalid)
// for a geometry outside the area of filter_crs.
void bind_filter(const Collection& collection, cql2::Node& filter, const Crs& filter_crs = crs84());

}  // namespace layers
