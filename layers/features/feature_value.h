#pragma once
// Values of feature properties, typed as the collections publish them, and
// the accent- and case-insensitive text order sortby uses (CQL2 filters
// compare exactly: layers/cql2).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace layers {

enum class FieldType { string, integer, number, boolean };
// "string" | "integer" | "number" | "boolean" (JSON Schema names).
std::string_view field_type_name(FieldType t);

// null, integer, number, text, boolean.
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string, bool>;

inline bool is_null(const FieldValue& v) { return std::holds_alternative<std::monostate>(v); }
// The number a numeric value holds (integer or number), if it is one.
std::optional<double> as_number(const FieldValue& v);
// The value as text ("" for null; numbers as JSON writes them).
std::string as_text(const FieldValue& v);

// Lowercase ASCII and Latin letters without their accents ("Ñuñoa" ->
// "nunoa"); everything else is kept, so spaces and punctuation still count.
std::string fold_text(std::string_view utf8);

// Three-way comparison for sorting (sortby): numbers
// numerically, text folded, booleans false < true; nullopt when the two
// cannot be compared (a null, or text against a number).
std::optional<int> compare_values(const FieldValue& a, const FieldValue& b);

}  // namespace layers
