#pragma once
// The part of a unit layer's tile that only the boundaries decide: for each
// unit whose box meets the tile, its polygons clipped to the tile and
// encoded as MVT commands. Counts change with every write and boundaries
// seldom, so the tile service keeps this across writes (keyed by the
// territory's boundaries) and a tile drawn after a write pays only for its
// properties. Kept as one string (the tile cache's unit of memory).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geo/mvt/mvt_geometry.h"
#include "layers/tiles/tileset.h"

namespace layers {

// Encodes the geometry of every unit of `shapes` whose box at grid's zoom
// meets the tile (plus buffer), in index order; units with nothing left in
// the tile are listed with no commands. Stops once max_features units with
// geometry or max_bytes command words are listed (a tile that large is
// truncated anyway) and says so.
std::string encode_unit_tile_geometry(const ZoomedPolygons& shapes, const geo::TileId& tile,
                                      const geo::TileGrid& grid, std::size_t max_features, std::size_t max_bytes);

// Reads what encode_unit_tile_geometry wrote.
class UnitTileGeometry {
 public:
  explicit UnitTileGeometry(std::string_view bytes);
  // Whether every unit meeting the tile is listed.
  bool complete() const { return complete_; }
  // Calls f(unit index, std::vector<std::uint32_t> commands) for each unit
  // listed, in order, while f returns true.
  template <class F>
  void for_each(F&& f) const;

 private:
  std::uint32_t word(std::size_t i) const;
  void copy_words(std::size_t i, std::size_t n, std::uint32_t* out) const;
  std::string_view bytes_;
  bool complete_ = true;
};

template <class F>
void UnitTileGeometry::for_each(F&& f) const {
  const std::size_t words = bytes_.size() / 4;
  std::size_t i = 1;
  while (i + 2 <= words) {
    const std::size_t unit = word(i), n = word(i + 1);
    std::vector<std::uint32_t> commands(n);
    copy_words(i + 2, n, commands.data());
    if (!f(unit, std::move(commands))) return;
    i += 2 + n;
  }
}

}  // namespace layers
