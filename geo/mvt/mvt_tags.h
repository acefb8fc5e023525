#pragma once
// Field numbers and enumerations of the Mapbox Vector Tile 2.1 schema
// (vector_tile.proto), named so that no wire number appears as a literal.
#include <cstdint>

#include <protozero/types.hpp>

namespace geo::mvt {

enum class TileTag : protozero::pbf_tag_type { layers = 3 };

enum class LayerTag : protozero::pbf_tag_type {
  name = 1,
  features = 2,
  keys = 3,
  values = 4,
  extent = 5,
  version = 15,
};

enum class FeatureTag : protozero::pbf_tag_type {
  id = 1,
  tags = 2,
  type = 3,
  geometry = 4,
};

enum class ValueTag : protozero::pbf_tag_type {
  string_value = 1,
  float_value = 2,
  double_value = 3,
  int_value = 4,
  uint_value = 5,
  sint_value = 6,
  bool_value = 7,
};

enum class GeomType : std::uint32_t { unknown = 0, point = 1, linestring = 2, polygon = 3 };

enum class Command : std::uint32_t { move_to = 1, line_to = 2, close_path = 7 };

inline constexpr std::uint32_t kVersion = 2;

// A command integer: id in the low 3 bits, repeat count above.
constexpr std::uint32_t command_integer(Command c, std::uint32_t count) {
  return (static_cast<std::uint32_t>(c) & 0x7u) | (count << 3);
}
// Parameter integers are zigzag-encoded deltas.
constexpr std::uint32_t zigzag(std::int32_t v) {
  return (static_cast<std::uint32_t>(v) << 1) ^ static_cast<std::uint32_t>(v >> 31);
}
constexpr std::int32_t unzigzag(std::uint32_t v) {
  return static_cast<std::int32_t>(v >> 1) ^ -static_cast<std::int32_t>(v & 1u);
}

}  // namespace geo::mvt
