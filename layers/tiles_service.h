#pragma once
// Tiles as the server hands them out: the TileSet of the current registry
// (built once per registry, while concurrent requests wait), coverage per
// filter, and the tile cache. Every key and ETag carries the registry's
// data generation, so nothing built before an import is served after it.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "layers/registry.h"
#include "layers/tiles.h"
#include "layers/tiles_cache.h"
#include "layers/tiles_raster.h"

namespace layers {

struct TileServiceOptions {
  std::size_t cache_bytes = 256u << 20;  // 0: no cache
  TileLimits limits;
};

class TileService {
 public:
  explicit TileService(TileServiceOptions options = {});

  std::shared_ptr<const TileSet> tileset(const std::shared_ptr<const Registry>& registry);

  // Canonical cache keys (generation included); the ETag derives from them.
  static std::string vector_key(const TileQuery& q, std::int64_t generation);
  static std::string raster_key(const RasterQuery& q, std::int64_t generation);
  // A strong entity tag for a key: equal keys build equal bytes.
  static std::string etag(const std::string& key);

  std::shared_ptr<const CachedTile> vector_tile(const std::shared_ptr<const Registry>& registry, const TileQuery& q);
  std::shared_ptr<const CachedTile> raster_tile(const std::shared_ptr<const Registry>& registry,
                                                const RasterQuery& q);
  TileCache::Stats cache_stats() const { return cache_.stats(); }

 private:
  StatsLookup stats_for(const std::shared_ptr<const Registry>& registry, const InitiativeFilter& filter);

  TileServiceOptions options_;
  TileCache cache_;
  std::mutex mutex_;  // guards the members below
  std::shared_ptr<const Registry> registry_;
  std::shared_ptr<const TileSet> tileset_;
  std::map<std::string, std::shared_ptr<const std::vector<UnitStats>>> stats_;  // this registry's
};

}  // namespace layers
