#include "layers/tiles/tiles_service.h"

#include <stdexcept>

#include "layers/tiles/census_tiles.h"
#include "layers/tiles/initiative_raster.h"

namespace layers {

namespace {

void append_query(std::string& k, const TileQuery& q) {
  k += tile_layer_name(q.layer);
  k += '/';
  k += std::to_string(q.tile.z);
  k += '/';
  k += std::to_string(q.tile.x);
  k += '/';
  k += std::to_string(q.tile.y);
  k += '|';
  k += division_name(q.division);
  k += '|';
  k += q.filter.key();
  k += '|';
  if (q.properties)
    for (const std::string& p : *q.properties) {
      k += p;
      k += ',';
    }
  else
    k += '*';
}

}  // namespace

TileService::TileService(TileServiceOptions options)
    : options_(options),
      cache_(options.cache_bytes - options.cache_bytes / 4),
      geometry_cache_(options.cache_bytes / 4) {}

std::string TileService::vector_key(const TileQuery& q, std::int64_t generation) {
  std::string k = "mvt|g";
  k += std::to_string(generation);
  k += '|';
  append_query(k, q);
  return k;
}

std::string TileService::raster_key(const RasterQuery& q, std::int64_t generation) {
  std::string k = "png|g";
  k += std::to_string(generation);
  k += '|';
  append_query(k, q.tile);
  k += '|';
  k += measure_name(q.measure);
  k += '@';
  k += std::to_string(q.scale);
  k += '|';
  k += tile_matrix_set_name(q.tms);
  return k;
}

namespace {

// The cache key: the snapshot's serial, so that a store rebuilt from
// scratch (whose generations count again) never meets an older entry.
std::string cache_key(const Snapshot& snapshot, const std::string& key) {
  std::string k = "s";
  k += std::to_string(snapshot.serial());
  k += '|';
  k += key;
  return k;
}

// The census zones as the snapshot publishes them (static reference data).
const Collection& census_of(const Snapshot& snapshot) {
  const Collection* c = snapshot.features().find(tile_layer_name(TileLayer::census_zones));
  if (!c) throw std::logic_error("the snapshot has no census-zones collection");
  return *c;
}

StatsLookup stats_of(const Snapshot& snapshot, const InitiativeFilter& filter) {
  return [&snapshot, &filter](Level level, Division division) {
    return snapshot.unit_stats(level, division, filter);
  };
}

}  // namespace

std::shared_ptr<const CachedTile> TileService::vector_tile(const Snapshot& snapshot, const TileQuery& q) {
  const std::string key = cache_key(snapshot, vector_key(q, snapshot.generation()));
  if (auto hit = cache_.find(key)) return hit;
  VectorTile t = q.layer == TileLayer::census_zones
                     ? build_census_tile(census_of(snapshot), q, options_.limits)
                     : build_vector_tile(snapshot.tileset(), snapshot.registry(), q, stats_of(snapshot, q.filter),
                                         options_.limits, unit_geometry(snapshot));
  return cache_.insert(key, std::move(t.bytes), t.truncated);
}

UnitGeometryLookup TileService::unit_geometry(const Snapshot& snapshot) {
  if (options_.cache_bytes == 0) return {};
  return [this, &snapshot](Level level, Division division, const geo::TileId& tile) {
    // Keyed by the boundaries, not the generation: a write leaves it valid.
    std::string key = "g";
    key += std::to_string(snapshot.territory()->boundaries_key());
    key += '|';
    key += std::to_string(static_cast<int>(level));
    key += '|';
    key += std::to_string(static_cast<int>(division));
    key += '|';
    key += std::to_string(tile.z) + '/' + std::to_string(tile.x) + '/' + std::to_string(tile.y);
    auto hit = geometry_cache_.find(key);
    if (!hit) hit = geometry_cache_.insert(key, unit_tile_geometry(snapshot.tileset(), level, division, tile, options_.limits), false);
    return std::shared_ptr<const std::string>(hit, &hit->body);
  };
}

std::shared_ptr<const CachedTile> TileService::raster_tile(const Snapshot& snapshot, const RasterQuery& q) {
  const std::string key = cache_key(snapshot, raster_key(q, snapshot.generation()));
  if (auto hit = cache_.find(key)) return hit;
  std::string png = q.tile.layer == TileLayer::census_zones ? build_census_raster_tile(census_of(snapshot), q)
                    : q.tile.layer == TileLayer::initiatives
                        ? build_initiative_raster_tile(snapshot.tileset(), snapshot.registry(), q)
                        : build_raster_tile(snapshot.tileset(), q, stats_of(snapshot, q.tile.filter));
  return cache_.insert(key, std::move(png), false);
}

}  // namespace layers
