#include "layers/tiles_service.h"

#include <cstdio>

namespace layers {

namespace {

// Bumped whenever tile encoding changes, so old ETags die with old code.
constexpr const char* kTileFormatVersion = "t1";
constexpr std::size_t kMaxStatsEntries = 512;

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

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

TileService::TileService(TileServiceOptions options) : options_(options), cache_(options.cache_bytes) {}

std::shared_ptr<const TileSet> TileService::tileset(const std::shared_ptr<const Registry>& registry) {
  std::lock_guard lock(mutex_);
  if (registry_ != registry) {
    // A new snapshot: build its tileset once (other requests wait here) and
    // forget everything derived from the previous one.
    tileset_ = std::make_shared<const TileSet>(*registry);
    registry_ = registry;
    stats_.clear();
    cache_.clear();
  }
  return tileset_;
}

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
  return k;
}

std::string TileService::etag(const std::string& key) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
  std::string tag = "\"";
  tag += kTileFormatVersion;
  tag += '-';
  tag += hex;
  tag += '"';
  return tag;
}

StatsLookup TileService::stats_for(const std::shared_ptr<const Registry>& registry, const InitiativeFilter& filter) {
  return [this, registry, &filter](Level level, Division division) {
    std::string key(level_name(level));
    key += '|';
    key += division_name(division);
    key += '|';
    key += filter.key();
    {
      std::lock_guard lock(mutex_);
      if (registry_ == registry) {
        auto it = stats_.find(key);
        if (it != stats_.end()) return it->second;
      }
    }
    auto st = std::make_shared<const std::vector<UnitStats>>(unit_stats(*registry, level, division, filter));
    std::lock_guard lock(mutex_);
    if (registry_ == registry) {
      if (stats_.size() >= kMaxStatsEntries) stats_.clear();
      stats_.emplace(key, st);
    }
    return st;
  };
}

std::shared_ptr<const CachedTile> TileService::vector_tile(const std::shared_ptr<const Registry>& registry,
                                                           const TileQuery& q) {
  const std::string key = vector_key(q, registry->generation());
  if (auto hit = cache_.find(key)) return hit;
  auto ts = tileset(registry);
  VectorTile t = build_vector_tile(*ts, *registry, q, stats_for(registry, q.filter), options_.limits);
  auto out = std::make_shared<const CachedTile>(CachedTile{std::move(t.bytes), t.truncated});
  cache_.insert(key, out);
  return out;
}

std::shared_ptr<const CachedTile> TileService::raster_tile(const std::shared_ptr<const Registry>& registry,
                                                           const RasterQuery& q) {
  const std::string key = raster_key(q, registry->generation());
  if (auto hit = cache_.find(key)) return hit;
  auto ts = tileset(registry);
  auto out = std::make_shared<const CachedTile>(CachedTile{build_raster_tile(*ts, q, stats_for(registry, q.tile.filter)), false});
  cache_.insert(key, out);
  return out;
}

}  // namespace layers
