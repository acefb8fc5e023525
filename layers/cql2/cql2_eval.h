#pragma once
// Evaluation of a parsed CQL2 filter against one feature: its property
// values (by field index) and its geometry. Text comparisons (=, <>, <, >,
// LIKE, IN) are case- and accent-sensitive, by code point, as CQL2 says;
// CASEI(...) and ACCENTI(...) ignore case and accents where a filter asks.
// Comparisons with a null are unknown, and unknown is not a match (SQL's
// three-valued logic).
#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "geo/geos/geometry.h"
#include "layers/cql2/cql2_ast.h"
#include "layers/errors.h"

namespace layers::cql2 {

// A property the collection does not have; what() names it.
struct UnknownProperty : DomainError {
  explicit UnknownProperty(const std::string& detail) : DomainError(Fault::invalid, detail) {}
};

// Values of types CQL2 cannot compare (a string against a number, LIKE on
// a number, CASEI of a number...); what() names both sides.
struct TypeError : DomainError {
  explicit TypeError(const std::string& detail) : DomainError(Fault::invalid, detail) {}
};

struct BoundField {
  std::size_t index = 0;
  bool list = false;  // ';'-separated codes (type string): = and IN match any element
  FieldType type = FieldType::string;
};

// Binds every property of the tree to its field and checks the types;
// `geometry_name` is the name of the feature geometry. Throws
// UnknownProperty for any other name, TypeError for values of types that
// cannot be compared.
void bind(Node& root, const std::function<std::optional<BoundField>(std::string_view)>& field_of,
          std::string_view geometry_name = "geometry");

// Whether the feature satisfies the (bound) filter.
bool matches(const Node& root, const std::vector<FieldValue>& values, const geo::Geometry* geometry);

// LIKE with % (any run) and _ (one character); '\' escapes either.
// Case- and accent-sensitive: wrap both sides in CASEI/ACCENTI to ignore them.
bool like_match(std::string_view text, std::string_view pattern);

}  // namespace layers::cql2
