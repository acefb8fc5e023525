#include "server/routes.h"

#include <chrono>
#include <memory>

#include "server/caching_policy.h"
#include "server/domain_errors.h"
#include "server/routes/operations.h"
#include "server/routes/territories.h"
#include "server/routes/coverage.h"
#include "server/routes/nearby.h"
#include "server/routes/initiatives.h"
#include "server/routes/initiative_search.h"
#include "server/routes/join_upload.h"
#include "server/routes/stats.h"
#include "server/routes/territory_search.h"
#include "server/routes/web.h"
#include "server/routes/initiative_writes.h"
#include "server/routes/ogc_routes.h"
#include "server/routes/tiles.h"
#include "server/routes/report.h"
#include "server/routes/styles.h"
#include "server/routes/wms.h"
#include "server/routes/wmts.h"

namespace server {

http::Router make_router(layers::RegistryHolder& holder, const Site& site, const RouteOptions& options) {
  http::Router router;
  router.set_error_mapper(map_domain_error);
  // Registry routes answer from one snapshot; GETs carry its data validator,
  // checked before the handler runs (server/caching_policy.h).
  auto with = [&holder](http::Response (*f)(const http::Request&, const layers::Registry&)) {
    return [f, &holder](const http::Request& r) {
      const auto snapshot = holder.current();
      const layers::Registry& registry = snapshot->registry();
      if (r.method != "GET" && r.method != "HEAD") return f(r, registry);
      return caching::answer(r, caching::data_validator(r, snapshot->generation()), [&] { return f(r, registry); });
    };
  };
  // The same for routes that read the snapshot's derived parts (its territory).
  auto with_snapshot = [&holder](http::Response (*f)(const http::Request&, const layers::Snapshot&)) {
    return [f, &holder](const http::Request& r) {
      const auto snapshot = holder.current();
      return caching::answer(r, caching::data_validator(r, snapshot->generation()), [&] { return f(r, *snapshot); });
    };
  };
  // Probes answer about this moment: no cache may keep them.
  const auto no_store = [](http::Response response) {
    http::set_header(response, "Cache-Control", caching::kNoStore);
    return response;
  };
  router.add("GET", "/healthz", [no_store](const http::Request& r) { return no_store(routes::healthz(r)); });
  router.add("GET", "/readyz", [no_store, &holder, listener = options.listener](const http::Request& r) {
    // The listener first: a generation read after it is the one to compare.
    std::optional<layers::StoreListener::Health> heard;
    if (listener) heard = listener->health();
    return no_store(routes::readyz(r, holder.current()->registry(), heard));
  });
  router.add("GET", "/territories/{code}", with(routes::get_territory));
  router.add("GET", "/locate", with(routes::locate));
  router.add("GET", "/coverage", with_snapshot(routes::coverage));
  router.add("GET", "/stats/initiatives", with(routes::initiative_stats));
  router.add("GET", "/territories", with(routes::search_territories));
  router.add("GET", "/territories/{code}/initiatives", with(routes::territory_initiatives));
  router.add("GET", "/territories/{code}/nearby-initiatives", with_snapshot(routes::nearby_initiatives));
  // Negotiated on Accept too: the representation is part of its validator.
  router.add("GET", "/initiatives/{id}", [&holder](const http::Request& r) {
    const auto snapshot = holder.current();
    return caching::answer(r, caching::data_validator(r, snapshot->generation(), routes::initiative_representation(r)),
                           [&] { return routes::get_initiative(r, snapshot->registry()); });
  });
  // The search index belongs to the snapshot, not the registry; links use the base URL.
  // (a copy of the site: the caller's may be a temporary)
  router.add("GET", "/initiatives", [&holder, site = std::make_shared<const Site>(site)](const http::Request& r) {
    const auto snapshot = holder.current();
    return caching::answer(r, caching::data_validator(r, snapshot->generation(), base_url(r, *site)),
                           [&] { return routes::search_initiatives(r, *snapshot, *site); });
  });
  routes::add_report_routes(router, holder);
  // Uploads of tens of MB: parsed and joined on the job pool, not the HTTP workers.
  router.add("POST", "/join", with(routes::join_upload), http::Work::heavy);
  const auto web = std::make_shared<const routes::WebFiles>(options.web_dir.empty() ? routes::default_web_dir()
                                                                                  : std::filesystem::path(options.web_dir));
  router.add("GET", "/map", [web](const http::Request& r) { return web->page(r); });
  router.add("GET", "/map/{file}", [web](const http::Request& r) { return web->app_file(r); });
  router.add("GET", "/map/i18n/{file}", [web](const http::Request& r) { return web->strings_file(r); });
  router.add("GET", "/map/vendor/{file}", [web](const http::Request& r) { return web->vendor_file(r); });
  routes::add_ogc_routes(router, holder, site);
  routes::add_write_routes(router, holder, site, options.edit_limits);
  const auto tiles = routes::add_tile_routes(router, holder, site, options.tile_cache_bytes);
  routes::add_style_routes(router, site);
  routes::add_wms_routes(router, holder, site);
  routes::add_wmts_routes(router, holder, site, tiles);
  // Last, so that every route above has its metrics slot; /metrics counts itself too.
  const auto started = std::chrono::system_clock::now();
  router.add("GET", "/metrics", [requests = router.metrics(), tiles, &holder, started](const http::Request& r) {
    const auto snapshot = holder.current();
    const auto reloads = holder.status();
    return routes::metrics(r, *requests,
                           {snapshot->registry(), tiles->cache_stats(), tiles->geometry_cache_stats(), started, reloads.reloads, reloads.failed_reloads,
                            reloads.writes, reloads.write_commits});
  }, http::CrossOrigin::none);  // for operators: no web page may read it
  return router;
}

}  // namespace server
