#pragma once
// Map tiles of the coverage: which tile layers exist, what fields their
// features carry, and the building of one Mapbox Vector Tile from a TileSet.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/tile_math.h"
#include "layers/coverage/coverage_counts.h"
#include "layers/model/initiative_filter.h"
#include "layers/snapshot/registry.h"
#include "layers/tiles/tileset.h"

namespace layers {

// A tileset as published: one per URL /tiles/{layer}/... and, but for
// territorio, one per feature collection of the same name.
enum class TileLayer { regions, provinces, communes, initiatives, territorio, regions_2007, provinces_2007, census_zones };
std::optional<TileLayer> parse_tile_layer(std::string_view name);
std::string_view tile_layer_name(TileLayer layer);
const std::vector<std::string>& tile_layer_names();

// The MVT layers inside a tile of each tileset (territorio: all of them).
inline constexpr std::string_view kInitiativePointsLayer = "initiatives";
inline constexpr std::string_view kFootprintsLayer = "initiative_footprints";
std::vector<std::string> mvt_layer_names(TileLayer layer);

struct TileField {
  std::string name;
  std::string type;  // TileJSON vector_layers type: "String", "Number", "Boolean"
  std::string description;
};
// Fields of the unit layers (regions, provinces, communes), of the
// initiative layers (points and footprints) and of the census zones.
const std::vector<TileField>& unit_tile_fields();
const std::vector<TileField>& initiative_tile_fields();
const std::vector<TileField>& census_tile_fields();
// The fields of one MVT layer by its name.
const std::vector<TileField>& tile_fields(std::string_view mvt_layer);

// Coverage of one unit under a filter, as tiles show it.
struct UnitStats {
  std::int64_t initiatives = 0;
  double per_100k = 0;  // rounded to 0.001
  bool covered = false;
};
// One entry per unit of TileSet::unit_list(level, division), same order.
std::vector<UnitStats> unit_stats(const Registry& registry, Level level, Division division,
                                  const InitiativeFilter& filter);
// The same with no filter, from the unfiltered counts (equal entries).
std::vector<UnitStats> unit_stats(const CoverageCounts& counts, Level level, Division division);
using StatsLookup = std::function<std::shared_ptr<const std::vector<UnitStats>>(Level, Division)>;

struct TileQuery {
  TileLayer layer = TileLayer::communes;
  geo::TileId tile;
  Division division = Division::d2018;
  InitiativeFilter filter;
  // Field names to include; nullopt: all of them. Names a layer lacks are ignored.
  std::optional<std::vector<std::string>> properties;
};

// Guards against runaway tiles: features beyond either limit are left out
// and the tile is marked truncated.
struct TileLimits {
  std::size_t max_features = 20000;
  std::size_t max_bytes = 4u << 20;
};

struct VectorTile {
  std::string bytes;
  std::size_t features = 0;
  bool truncated = false;
};

// The encoded geometry of a unit layer's tile (layers/tiles/unit_tile_geometry.h):
// what depends only on the boundaries, so a caller may keep it across writes.
std::string unit_tile_geometry(const TileSet& tileset, Level level, Division division, const geo::TileId& tile,
                               const TileLimits& limits);
// Gives unit_tile_geometry() for the tileset and limits being drawn, kept
// from before or made now; null: build_vector_tile makes it.
using UnitGeometryLookup =
    std::function<std::shared_ptr<const std::string>(Level, Division, const geo::TileId&)>;

VectorTile build_vector_tile(const TileSet& tileset, const Registry& registry, const TileQuery& query,
                             const StatsLookup& stats, const TileLimits& limits = {},
                             const UnitGeometryLookup& geometry = {});

// The unit level a tileset draws (nullopt for initiatives, territorio and census zones).
std::optional<Level> tile_layer_level(TileLayer layer);
// The division a tileset is fixed to (regions-2007, provinces-2007), or
// nullopt when the request's division parameter chooses it.
std::optional<Division> tile_layer_division(TileLayer layer);
// Whether a feature collection of the tileset's name exists (all but territorio).
bool tile_layer_is_collection(TileLayer layer);
// Whether the tileset comes as map (PNG) tiles too: every collection's
// (unit layers, initiatives, census zones), not the combined territorio.
bool tile_layer_has_map(TileLayer layer);

}  // namespace layers
