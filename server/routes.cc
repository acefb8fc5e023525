#include "server/routes.h"

#include "server/routes/operations.h"
#include "server/routes/territories.h"

namespace server {

http::Router make_router(layers::RegistryHolder& holder) {
  http::Router router;
  auto with = [&holder](http::Response (*f)(const http::Request&, const layers::Registry&)) {
    return [f, &holder](const http::Request& r) { return f(r, *holder.current()); };
  };
  router.add("GET", "/healthz", routes::healthz);
  router.add("GET", "/readyz", with(routes::readyz));
  router.add("GET", "/territories/{code}", with(routes::get_territory));
  router.add("GET", "/locate", with(routes::locate));
  return router;
}

}  // namespace server
