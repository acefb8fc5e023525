#include "layers/tiles/feature_id.h"

namespace layers {

std::uint64_t tile_feature_id(const std::string& id, std::uint64_t fallback) {
  if (id.empty() || id.size() > 18) return fallback;  // 19 digits may pass 2^64
  std::uint64_t v = 0;
  for (char c : id) {
    if (c < '0' || c > '9') return fallback;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

}  // namespace layers
