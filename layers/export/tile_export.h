#pragma once
// Offline packages of the vector tiles (`territorio export-tiles`): for
// each requested tileset one MBTiles or PMTiles file holding, for every
// tile of the zoom range that has data, the very bytes the server sends at
// /tiles/{layer}/{z}/{x}/{y}.mvt (the same TileService builds them), with
// TileJSON metadata, and a MapLibre style next to it.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layers/snapshot/snapshot.h"
#include "layers/tiles/tiles.h"

namespace layers {

enum class PackageFormat { mbtiles, pmtiles };
std::optional<PackageFormat> parse_package_format(std::string_view name);
std::string_view package_format_name(PackageFormat f);

// Zooms above this make packages of millions of tiles for little gain: the
// tiles' geometry is simplified for zoom 14 and up alike.
inline constexpr int kMaxExportZoom = 14;
// Tiles one package may visit (most of them empty and skipped).
inline constexpr std::size_t kMaxExportTiles = 2'000'000;

struct TileExportRequest {
  std::vector<TileLayer> layers;
  int minzoom = 0, maxzoom = 0;
  std::optional<std::string> within;  // a unit code of the 2018 division
  PackageFormat format = PackageFormat::mbtiles;
  std::string out_dir;                // existing and writable
};

struct ExportedPackage {
  TileLayer layer = TileLayer::communes;
  std::string path;        // out_dir/<layer>.mbtiles|pmtiles
  std::string style_path;  // out_dir/<layer>.style.json
  std::size_t visited = 0, written = 0;  // tiles looked at, tiles with data (stored)
  std::uint64_t tile_bytes = 0;
};

// done, total, what: called every few hundred tiles and at each package's end.
using ExportProgress = std::function<void(std::size_t, std::size_t, const std::string&)>;

// Refuses (DomainError invalid, naming the argument) no layer, a zoom range
// outside 0..kMaxExportZoom or reversed, a --within code that is no unit of
// the 2018 division or has no boundary.
void check_tile_export(const Registry& registry, const TileExportRequest& request);

// Writes the packages, one layer after the other; a package is renamed into
// place only when complete. Throws DomainError (too_large) for an area of
// more than kMaxExportTiles tiles and (not_found) for a layer with no data.
std::vector<ExportedPackage> export_tile_packages(const Snapshot& snapshot, const TileExportRequest& request,
                                                  const ExportProgress& progress);

}  // namespace layers
