#include "server/routes.h"

#include <chrono>

#include "server/http/caching.h"
#include "server/routes/operations.h"
#include "server/snapshot_etag.h"
#include "server/routes/territories.h"
#include "server/routes/coverage.h"
#include "server/routes/initiatives.h"
#include "server/routes/join_upload.h"
#include "server/routes/stats.h"
#include "server/routes/territory_search.h"
#include "server/routes/web.h"
#include "server/routes/ogc_routes.h"
#include "server/routes/tiles.h"

namespace server {

http::Router make_router(layers::RegistryHolder& holder, const Site& site, const RouteOptions& options) {
  http::Router router;
  // Registry routes answer from one snapshot; GETs carry a snapshot ETag,
  // checked before the handler runs.
  auto with = [&holder](http::Response (*f)(const http::Request&, const layers::Registry&)) {
    return [f, &holder](const http::Request& r) {
      const auto snapshot = holder.current();
      const layers::Registry& registry = snapshot->registry();
      if (r.method != "GET" && r.method != "HEAD") return f(r, registry);
      std::string etag = snapshot_etag(r, snapshot->generation());
      if (http::not_modified_since(r, etag)) return http::not_modified(etag, kSnapshotCacheControl);
      http::Response response = f(r, registry);
      if (response.status != 200) return response;
      return http::conditional(r, std::move(response), std::move(etag), kSnapshotCacheControl);
    };
  };
  router.add("GET", "/healthz", routes::healthz);
  router.add("GET", "/readyz", with(routes::readyz));
  router.add("GET", "/territories/{code}", with(routes::get_territory));
  router.add("GET", "/locate", with(routes::locate));
  router.add("GET", "/coverage", with(routes::coverage));
  router.add("GET", "/stats/initiatives", with(routes::initiative_stats));
  router.add("GET", "/territories", with(routes::search_territories));
  router.add("GET", "/territories/{code}/initiatives", with(routes::territory_initiatives));
  router.add("GET", "/initiatives/{id}", with(routes::get_initiative));
  // Uploads of tens of MB: parsed and joined on the job pool, not the HTTP workers.
  router.add("POST", "/join", with(routes::join_upload), http::Work::heavy);
  const auto web = std::make_shared<const routes::WebFiles>(options.web_dir.empty() ? routes::default_web_dir()
                                                                                  : std::filesystem::path(options.web_dir));
  router.add("GET", "/map", [web](const http::Request& r) { return web->page(r); });
  router.add("GET", "/map/{file}", [web](const http::Request& r) { return web->app_file(r); });
  router.add("GET", "/map/i18n/{file}", [web](const http::Request& r) { return web->strings_file(r); });
  router.add("GET", "/map/vendor/{file}", [web](const http::Request& r) { return web->vendor_file(r); });
  routes::add_ogc_routes(router, holder, site);
  const auto tiles = routes::add_tile_routes(router, holder, site, options.tile_cache_bytes);
  // Last, so that every route above has its metrics slot; /metrics counts itself too.
  const auto started = std::chrono::system_clock::now();
  router.add("GET", "/metrics", [requests = router.metrics(), tiles, &holder, started](const http::Request& r) {
    const auto snapshot = holder.current();
    const auto reloads = holder.status();
    return routes::metrics(r, *requests,
                           {snapshot->registry(), tiles->cache_stats(), started, reloads.reloads, reloads.failed_reloads});
  }, http::CrossOrigin::none);  // for operators: no web page may read it
  return router;
}

}  // namespace server
