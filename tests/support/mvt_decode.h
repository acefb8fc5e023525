#pragma once
// A Mapbox Vector Tile decoder for tests (protozero): decodes every layer,
// checks the MVT 2.1 rules, and renders a tile as canonical JSON for golden
// files.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tiles_test {

struct DecodedFeature {
  std::uint64_t id = 0;
  bool has_id = false;
  std::uint32_t type = 0;
  std::vector<std::uint32_t> tags;
  std::vector<std::uint32_t> geometry;
};

struct DecodedLayer {
  std::uint32_t version = 1;  // the proto default
  std::string name;
  std::uint32_t extent = 4096;
  std::vector<std::string> keys;
  std::vector<nlohmann::json> values;
  std::vector<DecodedFeature> features;
};

std::vector<DecodedLayer> decode_tile(const std::string& bytes);

// Violations of the MVT 2.1 rules (empty: a valid tile): version 2, unique
// layer names, even tag counts with indexes in range, command encoding,
// rings of four or more points, no repeated points, exterior rings with
// positive area and holes negative, coordinates within extent +- buffer.
std::vector<std::string> validate_tile(const std::string& bytes, int buffer);

// The tile as JSON: layers by name, features with id, properties and
// decoded geometry (rings of absolute tile coordinates).
nlohmann::json tile_to_json(const std::string& bytes);

}  // namespace tiles_test
