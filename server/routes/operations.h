#pragma once
// Operations: liveness, readiness and metrics.
#include <chrono>
#include <cstdint>
#include <optional>

#include "layers/snapshot/registry.h"
#include "layers/store/store_listener.h"
#include "layers/tiles/tiles_cache.h"
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/http/route_metrics.h"

namespace server::routes {

// GET /healthz: the process answers.
http::Response healthz(const http::Request& r);
// GET /readyz: the store is loaded; its generation and counts. Over a
// PostgreSQL store (`listener` given), ready only while the replica hears
// the database's commits and serves at least the generation the database
// had when it last connected: otherwise 503, with the generation served.
http::Response readyz(const http::Request& r, const layers::Registry& reg,
                      const std::optional<layers::StoreListener::Health>& listener = std::nullopt);

// What /metrics reports besides the router's own counts.
struct ServiceState {
  const layers::Registry& registry;
  layers::TileCache::Stats tile_cache;
  layers::TileCache::Stats tile_geometry_cache;  // the unit layers' clipped geometry, kept across writes
  std::chrono::system_clock::time_point started;
  std::uint64_t reloads = 0, failed_reloads = 0;  // of the store, since start
  std::uint64_t writes = 0;         // writes this server committed and published, since start
  std::uint64_t write_commits = 0;  // the transactions that held them
};
// GET /metrics: Prometheus text format 0.0.4 (requests and latency per
// route, tile cache, data generation), never cached.
http::Response metrics(const http::Request& r, const http::RouteMetrics& requests, const ServiceState& state);

}  // namespace server::routes
