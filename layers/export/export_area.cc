#include "layers/export/export_area.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "geo/geos/coordinate_geometry.h"
#include "geo/geos/prepared_geometry.h"
#include "geo/pmtiles/tile_id.h"
#include "layers/errors.h"
#include "layers/tiles/tileset.h"

namespace layers {

namespace {

// The tile's square with the MVT buffer, as a lon/lat polygon.
geo::Geometry buffered_square(const geo::TileId& t) {
  geo::Envelope e = geo::tile_bounds(t);
  const double m = (e.max_x - e.min_x) * kTileBuffer / kTileExtent;
  double x0, y0, x1, y1;
  geo::mercator_to_lonlat(e.min_x - m, e.min_y - m, x0, y0);
  geo::mercator_to_lonlat(e.max_x + m, e.max_y + m, x1, y1);
  return geo::polygon_from_rings({{x0, y0, x1, y0, x1, y1, x0, y1, x0, y0}});
}

[[noreturn]] void too_many(std::size_t limit) {
  throw DomainError(Fault::too_large, "the export would visit more than " + std::to_string(limit) +
                                          " tiles: lower --maxzoom or restrict it with --within");
}

}  // namespace

std::vector<geo::TileId> export_tiles(const ExportArea& area, int minzoom, int maxzoom, std::size_t limit) {
  std::optional<geo::PreparedGeometry> within;
  if (area.within) within.emplace(*area.within);
  std::vector<geo::TileId> out;
  for (int z = minzoom; z <= maxzoom; ++z) {
    const std::uint32_t last = (std::uint32_t{1} << z) - 1;
    std::vector<std::uint64_t> ids;
    for (const geo::Envelope& box : area.boxes) {
      const geo::TileRange r = geo::tiles_covering(box, z);
      // One tile more on each side: a neighbour's buffer may reach the box.
      const std::uint32_t x0 = r.min_x ? r.min_x - 1 : 0, y0 = r.min_y ? r.min_y - 1 : 0;
      const std::uint32_t x1 = std::min(r.max_x + 1, last), y1 = std::min(r.max_y + 1, last);
      if (out.size() + ids.size() + std::size_t{x1 - x0 + 1} * (y1 - y0 + 1) > 4 * limit) too_many(limit);
      for (std::uint32_t y = y0; y <= y1; ++y)
        for (std::uint32_t x = x0; x <= x1; ++x) ids.push_back(geo::pmtiles::tile_id({z, x, y}));
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (std::uint64_t id : ids) {
      const geo::TileId t = geo::pmtiles::tile_of(id);
      if (within && !within->intersects(buffered_square(t))) continue;
      if (out.size() == limit) too_many(limit);
      out.push_back(t);
    }
  }
  return out;
}

}  // namespace layers
