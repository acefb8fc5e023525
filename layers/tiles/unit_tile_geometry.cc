#include "layers/tiles/unit_tile_geometry.h"

#include <cstring>
#include <stdexcept>

namespace layers {

namespace {

// Words are stored in the machine's byte order: the string never leaves the process.
void put(std::string& out, std::uint32_t w) { out.append(reinterpret_cast<const char*>(&w), sizeof w); }

}  // namespace

std::string encode_unit_tile_geometry(const ZoomedPolygons& shapes, const geo::TileId& tile,
                                      const geo::TileGrid& grid, std::size_t max_features, std::size_t max_bytes) {
  std::string out;
  put(out, 1);  // complete, until a limit says otherwise
  std::size_t drawn = 0, words = 0;
  geo::mvt::Layer scratch("", static_cast<std::uint32_t>(grid.extent));
  for (std::size_t i : shapes.query(tile.z, geo::buffered_bounds(tile, grid))) {
    if (drawn >= max_features || words >= max_bytes) {
      const std::uint32_t incomplete = 0;
      std::memcpy(out.data(), &incomplete, sizeof incomplete);
      break;
    }
    geo::mvt::FeatureBuilder f(scratch);
    for (const auto& p : geo::tile_polygons(shapes.shape(tile.z, i), grid, &shapes.bounds(tile.z, i)))
      f.add_polygon(p);
    const std::vector<std::uint32_t>& commands = f.polygon_commands();
    put(out, static_cast<std::uint32_t>(i));
    put(out, static_cast<std::uint32_t>(commands.size()));
    if (!commands.empty())
      out.append(reinterpret_cast<const char*>(commands.data()), commands.size() * sizeof(std::uint32_t));
    if (!commands.empty()) ++drawn;
    words += commands.size();
  }
  return out;
}

UnitTileGeometry::UnitTileGeometry(std::string_view bytes) : bytes_(bytes) {
  if (bytes.size() < 4 || bytes.size() % 4 != 0) throw std::invalid_argument("not a unit tile geometry");
  complete_ = word(0) != 0;
}

std::uint32_t UnitTileGeometry::word(std::size_t i) const {
  std::uint32_t w;
  std::memcpy(&w, bytes_.data() + 4 * i, sizeof w);
  return w;
}

void UnitTileGeometry::copy_words(std::size_t i, std::size_t n, std::uint32_t* out) const {
  if (n == 0) return;  // out may be null then, which memcpy does not allow
  std::memcpy(out, bytes_.data() + 4 * i, n * sizeof(std::uint32_t));
}

}  // namespace layers
