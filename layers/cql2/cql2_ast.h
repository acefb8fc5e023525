#pragma once
// The syntax tree of a CQL2 text filter (OGC 21-065). Plain data, built by
// cql2_parser and evaluated by cql2_eval; no knowledge of collections.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "geo/geos/geometry.h"
#include "layers/features/feature_value.h"

namespace layers::cql2 {

enum class NodeKind {
  // boolean expressions
  and_, or_, not_, literal_bool,
  compare,     // children: lhs, rhs; op
  like,        // children: value, pattern; negated
  between,     // children: value, low, high; negated
  in,          // children: value, items...; negated
  is_null,     // children: value; negated
  spatial,     // children: a, b; spatial
  // scalar expressions
  property,    // name (bound to field by cql2::bind)
  value,       // literal FieldValue
  geometry,    // literal geometry (WKT or BBOX)
  function,    // children: the text argument; function
};

enum class CompareOp { eq, ne, lt, le, gt, ge };
// The built-in text functions of CQL2 (case- and accent-insensitive comparison).
enum class TextFunction { casei, accenti };
enum class SpatialOp { intersects, within, contains, disjoint, equals, touches, crosses, overlaps };

struct Node {
  NodeKind kind = NodeKind::literal_bool;
  std::vector<std::unique_ptr<Node>> children;
  CompareOp op = CompareOp::eq;
  SpatialOp spatial = SpatialOp::intersects;
  TextFunction function = TextFunction::casei;
  bool negated = false;
  bool flag = false;                 // literal_bool: its value; property: bound to a list field
  std::string name;                  // property name as written
  std::size_t field = 0;             // property: index bound by cql2::bind
  FieldType type = FieldType::string;  // property: its type, set by cql2::bind
  bool is_geometry_property = false; // property: the feature's geometry
  FieldValue value;                  // value
  std::shared_ptr<const geo::Geometry> geom;  // geometry
};

using NodePtr = std::unique_ptr<Node>;

}  // namespace layers::cql2
