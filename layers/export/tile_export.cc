#include "layers/export/tile_export.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "geo/error.h"
#include "geo/pmtiles/pmtiles_writer.h"
#include "geo/sqlite/mbtiles_writer.h"
#include "layers/errors.h"
#include "layers/export/export_area.h"
#include "layers/export/package_style.h"
#include "layers/tiles/tile_metadata.h"
#include "layers/tiles/tiles_service.h"

namespace layers {

namespace {

// Progress every this many tiles (and at the end of each package).
constexpr std::size_t kProgressEvery = 256;
// The map's default view: Santiago.
constexpr double kCenterLon = -70.6693, kCenterLat = -33.4489;
constexpr int kCenterZoom = 4;

ExportArea area_of(const Snapshot& snapshot, const TileExportRequest& request, const geo::Geometry*& within) {
  const Catalog& catalog = snapshot.registry().catalog();
  ExportArea area;
  if (request.within) {
    within = catalog.geometry(Division::d2018, *request.within);
    area.boxes.push_back(within->envelope());
    area.within = within;
    return area;
  }
  // The communes hold every unit; initiative points off their boxes are added.
  for (const Unit* u : catalog.units(Division::d2018, Level::commune))
    if (const geo::Geometry* g = catalog.geometry(Division::d2018, u->code)) area.boxes.push_back(g->envelope());
  const std::size_t communes = area.boxes.size();
  for (const auto& p : snapshot.tileset().initiative_points()) {
    if (!p) continue;
    double lon, lat;
    geo::mercator_to_lonlat(p->first, p->second, lon, lat);
    const bool inside = std::any_of(area.boxes.begin(), area.boxes.begin() + static_cast<std::ptrdiff_t>(communes),
                                    [&](const geo::Envelope& e) { return e.contains(lon, lat); });
    if (!inside) area.boxes.push_back({lon, lat, lon, lat});
  }
  return area;
}

geo::TilePackageInfo info_of(TileLayer layer, const TileExportRequest& request, const geo::Envelope& bounds) {
  const std::string name(tile_layer_name(layer));
  geo::TilePackageInfo info;
  info.name = "territorio " + name;
  info.description = "Chile's " + name + " and the coverage of territorial development initiatives";
  info.attribution = std::string(kTileAttribution);
  info.bounds = bounds;
  info.minzoom = request.minzoom;
  info.maxzoom = request.maxzoom;
  const bool santiago = bounds.contains(kCenterLon, kCenterLat);
  info.center_lon = santiago ? kCenterLon : (bounds.min_x + bounds.max_x) / 2;
  info.center_lat = santiago ? kCenterLat : (bounds.min_y + bounds.max_y) / 2;
  info.center_zoom = std::clamp(kCenterZoom, request.minzoom, request.maxzoom);
  nlohmann::json layers = vector_layers(layer);
  for (auto& l : layers) {
    l["minzoom"] = request.minzoom;
    l["maxzoom"] = request.maxzoom;
  }
  info.vector_layers_json = layers.dump();
  return info;
}

std::unique_ptr<geo::TilePackageWriter> open_package(PackageFormat format, const std::string& path,
                                                     const geo::TilePackageInfo& info) {
  if (format == PackageFormat::mbtiles) return std::make_unique<geo::MbtilesWriter>(path, info);
  // Tiles as served (uncompressed MVT); directories and metadata gzipped.
  return std::make_unique<geo::pmtiles::Writer>(path, info, geo::pmtiles::WriterOptions{});
}

// The style under a temporary name first, like the package.
void write_style(const std::string& path, const nlohmann::json& style) {
  const std::string partial = geo::partial_path(path);
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << style.dump(2) << '\n';
    out.close();
    if (!out) {
      std::remove(partial.c_str());
      throw geo::Error("cannot write '" + partial + "': " + std::strerror(errno));
    }
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0)
    throw geo::Error("cannot rename '" + partial + "' to '" + path + "': " + std::strerror(errno));
}

}  // namespace

std::optional<PackageFormat> parse_package_format(std::string_view name) {
  if (name == "mbtiles") return PackageFormat::mbtiles;
  if (name == "pmtiles") return PackageFormat::pmtiles;
  return std::nullopt;
}

std::string_view package_format_name(PackageFormat f) { return f == PackageFormat::mbtiles ? "mbtiles" : "pmtiles"; }

void check_tile_export(const Registry& registry, const TileExportRequest& request) {
  if (request.layers.empty()) throw DomainError(Fault::invalid, "--layers names no tile layer");
  if (request.minzoom < 0 || request.maxzoom > kMaxExportZoom || request.minzoom > request.maxzoom)
    throw DomainError(Fault::invalid, "the zoom range must lie within 0.." + std::to_string(kMaxExportZoom) +
                                          " with --minzoom <= --maxzoom, not " + std::to_string(request.minzoom) +
                                          ".." + std::to_string(request.maxzoom));
  if (request.within) {
    const Catalog& catalog = registry.catalog();
    if (!catalog.find(Division::d2018, *request.within))
      throw DomainError(Fault::invalid, "--within: no unit with code '" + *request.within +
                                            "' in the 2018 division (a region, province or commune code)");
    if (!catalog.geometry(Division::d2018, *request.within))
      throw DomainError(Fault::invalid, "--within: unit " + *request.within + " has no boundary to export");
  }
}

std::vector<ExportedPackage> export_tile_packages(const Snapshot& snapshot, const TileExportRequest& request,
                                                  const ExportProgress& progress) {
  check_tile_export(snapshot.registry(), request);
  const geo::Geometry* within = nullptr;
  const ExportArea area = area_of(snapshot, request, within);
  const std::vector<geo::TileId> tiles = export_tiles(area, request.minzoom, request.maxzoom, kMaxExportTiles);
  geo::Envelope bounds = within ? within->envelope() : snapshot.registry().catalog().extent();
  // The service that answers /tiles, without its cache: every tile is built once.
  TileServiceOptions options;
  options.cache_bytes = 0;
  TileService service(options);

  std::vector<ExportedPackage> out;
  for (TileLayer layer : request.layers) {
    const std::string name(tile_layer_name(layer));
    const std::filesystem::path dir(request.out_dir);
    ExportedPackage p;
    p.layer = layer;
    p.path = (dir / (name + "." + std::string(package_format_name(request.format)))).string();
    p.style_path = (dir / (name + ".style.json")).string();
    auto writer = open_package(request.format, p.path, info_of(layer, request, bounds));
    TileQuery q;
    q.layer = layer;
    q.division = tile_layer_division(layer).value_or(Division::d2018);
    const std::string what = name + " " + std::string(package_format_name(request.format));
    for (const geo::TileId& t : tiles) {
      q.tile = t;
      const auto tile = service.vector_tile(snapshot, q);
      // An empty tile is served as an empty body; packages leave it out.
      if (!tile->body.empty()) {
        writer->add(t, tile->body);
        p.tile_bytes += tile->body.size();
      }
      if (++p.visited % kProgressEvery == 0 && progress) progress(p.visited, tiles.size(), what);
    }
    if (progress) progress(p.visited, tiles.size(), what);
    p.written = writer->tiles();
    if (p.written == 0)
      throw DomainError(Fault::not_found, "no tile of " + name + " holds data in zooms " +
                                              std::to_string(request.minzoom) + ".." + std::to_string(request.maxzoom) +
                                              (request.within ? " within " + *request.within : "") +
                                              ": no package written");
    writer->commit();
    const std::string file = std::filesystem::path(p.path).filename().string();
    write_style(p.style_path, package_style(layer, std::string(package_format_name(request.format)) + "://" + file));
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace layers
