#include "layers/tiles/tile_clusters.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>

namespace layers {

std::vector<PointCluster> cluster_points(const std::vector<TilePoint>& points, int cell, int buffer) {
  struct Sum {
    std::int64_t x = 0, y = 0;
    std::vector<std::size_t> records;
  };
  // Ordered by (row, column): the tile's bytes do not depend on record order.
  std::map<std::pair<std::int32_t, std::int32_t>, Sum> cells;
  auto cell_of = [&](std::int32_t v) {
    const std::int32_t shifted = v + buffer;
    return shifted >= 0 ? shifted / cell : -((-shifted + cell - 1) / cell);
  };
  for (const TilePoint& p : points) {
    Sum& s = cells[{cell_of(p.at.y), cell_of(p.at.x)}];
    s.x += p.at.x;
    s.y += p.at.y;
    s.records.push_back(p.record);
  }
  std::vector<PointCluster> out;
  out.reserve(cells.size());
  for (auto& [key, s] : cells) {
    const auto n = static_cast<double>(s.records.size());
    PointCluster c;
    c.at = {static_cast<std::int32_t>(std::lround(static_cast<double>(s.x) / n)),
            static_cast<std::int32_t>(std::lround(static_cast<double>(s.y) / n))};
    std::sort(s.records.begin(), s.records.end());
    c.records = std::move(s.records);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace layers
