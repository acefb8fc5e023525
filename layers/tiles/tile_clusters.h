#pragma once
// Grid clustering of a dense tile's initiative points: below the highest
// zoom, a tile holding more matched records than kClusterAbove draws the
// records of each kClusterCell-wide cell as one point carrying their count,
// so a low-zoom tile stays small however large the registry grows, while
// the highest zoom still draws every record on its own.
#include <cstddef>
#include <vector>

#include "geo/mvt/mvt_encoder.h"

namespace layers {

// Matched records in one tile above which the tile clusters (below kMaxTileZoom).
inline constexpr std::size_t kClusterAbove = 1000;
// Cell width in tile units (of 4096): 32 cells a side, 16 px on a 512 px tile.
inline constexpr int kClusterCell = 128;

struct TilePoint {
  std::size_t record;   // index in registry.initiatives()
  geo::mvt::IntPoint at;  // in tile units, buffer included
};

struct PointCluster {
  geo::mvt::IntPoint at;             // the mean of its members' positions
  std::vector<std::size_t> records;  // ascending; one: a record drawn on its own
};

// The points grouped by cell (cells counted from -buffer), cells in row then
// column order; every point lands in exactly one cluster.
std::vector<PointCluster> cluster_points(const std::vector<TilePoint>& points, int cell, int buffer);

}  // namespace layers
