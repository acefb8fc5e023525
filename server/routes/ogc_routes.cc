#include "server/routes/ogc_routes.h"

#include <memory>

#include "server/routes/features.h"
#include "server/routes/ogc_landing.h"

namespace server::routes {

void add_ogc_routes(http::Router& router, layers::RegistryHolder& holder, const Site& site) {
  auto shared_site = std::make_shared<const Site>(site);
  auto bind = [shared_site, &holder](http::Response (*f)(const http::Request&, const OgcContext&)) {
    return [f, shared_site, &holder](const http::Request& r) {
      const auto snapshot = holder.current();
      return f(r, OgcContext{snapshot->features(), *shared_site, snapshot->generation(), &snapshot->registry()});
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
  router.add("GET", "/collections/{collectionId}/schema", bind(schema));
}

}  // namespace server::routes
