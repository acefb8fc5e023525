#pragma once
// Tiles as the server hands them out: built from the request's snapshot
// (its TileSet and coverage statistics, ready before it was published) and
// kept in one process-wide tile cache. Every cache key carries the
// snapshot's serial (the ETag is the server's, server/caching_policy.h), so
// nothing built before an import is served after it; entries of a replaced snapshot are
// never found again and age out of the cache as it fills. The unit layers'
// clipped geometry is kept under the boundaries instead, so a tile drawn
// after a write re-encodes only its properties.
#include <cstdint>
#include <memory>
#include <string>

#include "layers/snapshot/snapshot.h"
#include "layers/tiles/tiles.h"
#include "layers/tiles/tiles_cache.h"
#include "layers/tiles/tiles_raster.h"

namespace layers {

struct TileServiceOptions {
  // 0: no cache. A quarter of it keeps the unit layers' geometry, the rest tiles.
  std::size_t cache_bytes = 256u << 20;
  TileLimits limits;
};

class TileService {
 public:
  explicit TileService(TileServiceOptions options = {});

  // Canonical cache keys (generation included): equal keys, equal bytes.
  static std::string vector_key(const TileQuery& q, std::int64_t generation);
  static std::string raster_key(const RasterQuery& q, std::int64_t generation);

  std::shared_ptr<const CachedTile> vector_tile(const Snapshot& snapshot, const TileQuery& q);
  std::shared_ptr<const CachedTile> raster_tile(const Snapshot& snapshot, const RasterQuery& q);
  TileCache::Stats cache_stats() const { return cache_.stats(); }
  TileCache::Stats geometry_cache_stats() const { return geometry_cache_.stats(); }

 private:
  // The unit layers' geometry of a tile, kept in the cache under the
  // territory's boundaries so that it outlives the generation.
  UnitGeometryLookup unit_geometry(const Snapshot& snapshot);
  TileServiceOptions options_;
  TileCache cache_;
  TileCache geometry_cache_;
};

}  // namespace layers
