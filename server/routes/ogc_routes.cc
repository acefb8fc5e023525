#include "server/routes/ogc_routes.h"

#include <memory>

#include "layers/feature_catalog_cache.h"
#include "server/routes/features.h"
#include "server/routes/ogc_landing.h"

namespace server::routes {

void add_ogc_routes(http::Router& router, layers::RegistryHolder& holder, const Site& site) {
  const std::string data_dir = site.data_dir.empty() ? std::string(TERRITORIO_DEFAULT_DATA_DIR) : site.data_dir;
  auto cache = std::make_shared<layers::FeatureCatalogCache>(
      layers::read_census_zones(data_dir + "/census_zones_2017.csv"));
  cache->get(holder.current());  // built before the first request
  auto shared_site = std::make_shared<const Site>(site);
  auto bind = [cache, shared_site, &holder](http::Response (*f)(const http::Request&, const OgcContext&)) {
    return [f, cache, shared_site, &holder](const http::Request& r) {
      const auto snapshot = cache->get(holder.current());
      return f(r, OgcContext{snapshot->catalog, *shared_site});
    };
  };
  router.add("GET", "/", bind(landing));
  router.add("GET", "/conformance", bind(conformance));
  router.add("GET", "/api", bind(api));
  router.add("GET", "/collections", bind(collections));
  router.add("GET", "/collections/{collectionId}", bind(collection));
  // Whole-layer downloads (GeoPackage, FlatGeobuf, CSV) run on the job pool.
  router.add("GET", "/collections/{collectionId}/items", bind(items), [](const http::Request& r) {
    const auto f = r.query_value("f");
    return f && (*f == "gpkg" || *f == "fgb" || *f == "csv");
  });
  router.add("GET", "/collections/{collectionId}/items/{featureId}", bind(item));
  router.add("GET", "/collections/{collectionId}/queryables", bind(queryables));
}

}  // namespace server::routes
