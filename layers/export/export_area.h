#pragma once
// Which tiles an offline package visits: those that may hold data of the
// area, in ascending PMTiles tile id (zoom by zoom, along a Hilbert curve),
// so that a package is written in the order its readers prefer.
#include <cstddef>
#include <vector>

#include "geo/geos/geometry.h"
#include "geo/tile_math.h"

namespace layers {

struct ExportArea {
  // Lon/lat boxes holding the data: a tile is visited when its square, with
  // one tile around it (more than the tiles' buffer), meets one of them.
  std::vector<geo::Envelope> boxes;
  // When set (lon/lat, polygonal), only tiles whose buffered square meets it.
  const geo::Geometry* within = nullptr;
};

// The tiles of zooms minzoom..maxzoom to visit. Throws DomainError
// (too_large) naming the limit when there would be more than `limit`.
std::vector<geo::TileId> export_tiles(const ExportArea& area, int minzoom, int maxzoom, std::size_t limit);

}  // namespace layers
