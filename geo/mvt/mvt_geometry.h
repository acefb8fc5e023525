#pragma once
// From Web Mercator geometry to MVT tile coordinates: clip to the tile plus
// a buffer, quantize to the integer grid, repair what quantization broke.
#include <vector>

#include "geo/geos/geometry.h"
#include "geo/geos/geometry_ops.h"
#include "geo/mvt/mvt_encoder.h"
#include "geo/tile_math.h"

namespace geo {

// A MultiPolygon from flat rings (closed, exterior first).
Geometry flat_to_geometry(const std::vector<FlatPolygon>& polygons);

struct TileGrid {
  TileTransform transform;
  int extent = 4096;
  int buffer = 64;  // tile units kept around the tile
};

// The parts of `polygons` (Web Mercator) inside the tile plus buffer, on the
// tile's integer grid, valid (repaired with GEOS make-valid when rounding
// made them self-intersect), with no repeated points. Windings are left to
// the MVT feature builder. Empty when nothing is left.
// `bounds`, if given, holds polygon_bounds() of each polygon, computed once
// ahead (e.g. per zoom band): polygons outside the tile are then skipped
// without reading their coordinates.
std::vector<mvt::Polygon> tile_polygons(const std::vector<FlatPolygon>& polygons, const TileGrid& grid,
                                        const std::vector<Envelope>* bounds = nullptr);

// The bounds of every coordinate of every ring (holes included).
Envelope polygon_bounds(const FlatPolygon& polygon);

// The tile's bounds (Web Mercator) grown by the grid's buffer: what a
// feature must meet to reach the tile.
Envelope buffered_bounds(const TileId& tile, const TileGrid& grid);

// The point in tile coordinates, or false if it lies outside tile plus buffer.
bool tile_point(double mx, double my, const TileGrid& grid, mvt::IntPoint& out);

}  // namespace geo
