#pragma once
// The id of a feature in a vector tile: MVT ids are unsigned integers, so
// a feature whose own id is a number of up to 18 digits (a CUT code, a
// census zone code, a numeric initiative id) keeps it, and any other gets
// `fallback` (its position in the layer).
#include <cstdint>
#include <string>

namespace layers {

std::uint64_t tile_feature_id(const std::string& id, std::uint64_t fallback);

}  // namespace layers
