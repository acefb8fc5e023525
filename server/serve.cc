#include "server/serve.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <utility>

#include "layers/features/feature_census.h"
#include "layers/snapshot/registry_holder.h"
#include "layers/snapshot/territory_cache.h"
#include "layers/store/store.h"
#include "layers/store/store_listener.h"
#include "server/http/http_server.h"
#include "server/routes.h"

namespace server {

namespace {
// How often a replica over PostgreSQL looks at the generation without being
// told: a commit notified while its listener was reconnecting is seen by then.
constexpr std::chrono::milliseconds kFallbackPoll{2000};
}  // namespace

int serve(const Options& o) {
  // Block the stop signals before any thread starts (the store watcher, the
  // HTTP workers) so they all inherit the mask, then wait for one on this
  // thread.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  // The first snapshot is built before anything is served; later ones by
  // the holder's watcher, while the previous one keeps answering.
  // Opening the store for writing migrates one of an earlier release.
  layers::Store::open(o.store, layers::Store::Access::write);
  layers::HolderOptions ho;
  ho.inputs.census_zones = layers::read_census_zones(o.data_dir + "/census_zones_2017.csv");
  ho.inputs.territory_cache = layers::territory_cache_path(o.store);
  // Over PostgreSQL a listener wakes the holder at each commit of any
  // replica; the holder's own poll is then only a slow fallback.
  const bool on_postgres = layers::Store::is_postgres(o.store);
  if (on_postgres) ho.poll_interval = kFallbackPoll;
  layers::RegistryHolder holder(o.store, std::move(ho));
  std::unique_ptr<layers::StoreListener> listener;
  if (on_postgres) listener = std::make_unique<layers::StoreListener>(o.store, [&holder] { holder.wake(); });
  const auto snapshot = holder.current();
  http::ServerOptions so;
  so.address = o.address;
  so.port = static_cast<std::uint16_t>(o.port);
  so.threads = static_cast<unsigned>(o.threads);
  so.jobs = static_cast<unsigned>(o.jobs);
  so.job_queue = static_cast<std::size_t>(o.job_queue);
  RouteOptions ro;
  ro.tile_cache_bytes = static_cast<std::size_t>(o.tile_cache_mb) << 20;
  ro.web_dir = o.web_dir;
  ro.edit_limits.rate = {o.write_rate / 60.0, static_cast<double>(o.write_burst)};
  ro.listener = listener.get();
  http::Router router = make_router(holder, Site{o.public_url, o.data_dir}, ro);
  router.set_cors(http::CorsPolicy{o.cors_write_origins});
  http::HttpServer server(std::move(router), so);

  server.start();
  std::printf("territorio serving http://%s:%u/ (store %s, generation %lld, %zu initiatives)\n", o.address.c_str(),
              static_cast<unsigned>(server.port()), layers::Store::shown(o.store).c_str(), static_cast<long long>(snapshot->generation()),
              snapshot->registry().initiatives().size());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop, &sig);
  std::fprintf(stderr, "territorio: signal %d, stopping\n", sig);
  server.stop();
  return 0;
}

}  // namespace server
