#pragma once
// A parser of CQL2 text (OGC 21-065): basic CQL2 (comparisons, AND/OR/NOT,
// IS NULL), LIKE, BETWEEN, IN, the text functions CASEI and ACCENTI, and
// the spatial functions S_INTERSECTS,
// S_WITHIN, S_CONTAINS, S_DISJOINT, S_EQUALS, S_TOUCHES, S_CROSSES,
// S_OVERLAPS over WKT geometries and BBOX(...). Pure: text in, tree out.
#include <stdexcept>
#include <string>
#include <string_view>

#include "layers/cql2/cql2_ast.h"
#include "layers/errors.h"

namespace layers::cql2 {

// A filter that is not CQL2 text we understand; what() says what and where
// (character offset).
struct SyntaxError : DomainError {
  explicit SyntaxError(const std::string& detail) : DomainError(Fault::invalid, detail) {}
};

// Longest filter text accepted and deepest nesting, so hostile input stays
// cheap and the recursion bounded.
inline constexpr std::size_t kMaxFilterLength = 64 * 1024;
inline constexpr int kMaxDepth = 64;

NodePtr parse(std::string_view text);

}  // namespace layers::cql2
