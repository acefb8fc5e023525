#pragma once
// A file of map tiles for offline use (MBTiles, PMTiles): what describes it
// and the interface its writers share. Tiles go in as the bytes a tile
// server sends for them; the file appears under its name only on commit(),
// so an interrupted export never leaves a half-written package behind.
#include <string>
#include <string_view>

#include "geo/geos/geometry.h"
#include "geo/tile_math.h"

namespace geo {

// What readers show of a package (TileJSON's members, as MBTiles' metadata
// table and PMTiles' header and JSON metadata carry them).
struct TilePackageInfo {
  std::string name;
  std::string description;
  std::string attribution;
  std::string version = "1.0.0";
  Envelope bounds;  // lon/lat of the data
  double center_lon = 0, center_lat = 0;
  int center_zoom = 0;
  int minzoom = 0, maxzoom = 0;
  // TileJSON 3.0 vector_layers, as JSON text (an array).
  std::string vector_layers_json = "[]";
};

class TilePackageWriter {
 public:
  virtual ~TilePackageWriter() = default;
  // One tile's bytes (not empty), each tile at most once.
  virtual void add(const TileId& tile, std::string_view bytes) = 0;
  // Completes the file and renames it to its final name; without it the
  // destructor removes what was written.
  virtual void commit() = 0;
  // Tiles added so far.
  virtual std::size_t tiles() const = 0;
};

// The temporary name a package is written under before commit(): in the
// same folder (so the rename is atomic), hidden, naming the writer's process.
std::string partial_path(const std::string& path);

}  // namespace geo
