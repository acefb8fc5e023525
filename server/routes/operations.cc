#include "server/routes/operations.h"

#include <string>

#include <nlohmann/json.hpp>

#include "server/caching_policy.h"
#include "server/http/prometheus_text.h"
#include "server/params.h"

namespace server::routes {

http::Response healthz(const http::Request& r) {
  check_known_params(r, {});
  return http::json(200, R"({"status":"ok"})");
}

http::Response readyz(const http::Request& r, const layers::Registry& reg,
                      const std::optional<layers::StoreListener::Health>& listener) {
  check_known_params(r, {});
  if (listener && (!listener->connected || reg.generation() < listener->generation_at_connect)) {
    // Reads still answer from this generation; a balancer sends them elsewhere if it can.
    const nlohmann::json j = {{"status", "not ready"},
                              {"generation", reg.generation()},
                              {"detail", listener->connected ? "catching up with the store's generation " +
                                                                   std::to_string(listener->generation_at_connect)
                                                             : std::string("the store's database cannot be reached")}};
    return http::json(503, j.dump());
  }
  nlohmann::json units = nlohmann::json::object();
  for (layers::Division d : layers::kAllDivisions) {
    nlohmann::json counts = nlohmann::json::object();
    for (layers::Level l : {layers::Level::region, layers::Level::province, layers::Level::commune})
      counts[std::string(layers::level_name(l))] = reg.catalog().units(d, l).size();
    units[std::string(layers::division_name(d))] = counts;
  }
  const nlohmann::json j = {{"status", "ready"},
                            {"generation", reg.generation()},
                            {"initiatives", reg.initiatives().size()},
                            {"units", units}};
  return http::json(200, j.dump());
}

http::Response metrics(const http::Request& r, const http::RouteMetrics& requests, const ServiceState& state) {
  check_known_params(r, {});
  std::string out = requests.prometheus_text();
  const auto family = [&out](const char* name, const char* type, const char* help, double value) {
    http::append_prometheus_family(out, name, type, help, value);
  };
  const auto& c = state.tile_cache;
  family("territorio_tile_cache_hits_total", "counter", "Tiles served from the tile cache.", double(c.hits));
  family("territorio_tile_cache_misses_total", "counter", "Tiles built because the cache did not hold them.",
         double(c.misses));
  family("territorio_tile_cache_bytes", "gauge", "Bytes the tile cache holds: tiles, keys and bookkeeping, as allocated.", double(c.bytes));
  family("territorio_tile_cache_entries", "gauge", "Tiles in the cache.", double(c.entries));
  const auto& g = state.tile_geometry_cache;
  family("territorio_tile_geometry_cache_hits_total", "counter",
         "Tiles drawn with the boundaries' clipped geometry kept from before (a write changes counts, not it).",
         double(g.hits));
  family("territorio_tile_geometry_cache_misses_total", "counter",
         "Tiles whose boundaries were clipped and encoded because the geometry cache did not hold them.",
         double(g.misses));
  family("territorio_tile_geometry_cache_bytes", "gauge",
         "Bytes the boundaries' geometry cache holds (a quarter of the tile cache's budget), as allocated.",
         double(g.bytes));
  family("territorio_data_generation", "gauge", "Generation of the loaded data; it changes with every import.",
         double(state.registry.generation()));
  family("territorio_initiatives", "gauge", "Initiatives in the loaded data.",
         double(state.registry.initiatives().size()));
  family("territorio_reloads_total", "counter", "Snapshots of a changed store published since the server started.",
         double(state.reloads));
  family("territorio_reload_failures_total", "counter",
         "Reloads of a changed store that failed; the previous snapshot stayed in service.",
         double(state.failed_reloads));
  family("territorio_writes_total", "counter",
         "Writes (Part 4 and POST /imports) this server committed and published since it started.",
         double(state.writes));
  family("territorio_write_commits_total", "counter",
         "Transactions that committed those writes: concurrent writes share one (group commit).",
         double(state.write_commits));
  family("territorio_start_time_seconds", "gauge", "When the server started, in seconds since the Unix epoch.",
         std::chrono::duration<double>(state.started.time_since_epoch()).count());
  http::Response res;
  res.content_type = http::kPrometheusMediaType;
  res.body = std::move(out);
  http::set_header(res, "Cache-Control", caching::kNoStore);
  return res;
}

}  // namespace server::routes
