#pragma once
// Every route of the server, declared in one place.
#include <cstddef>
#include <string>

#include "layers/edit/editor.h"
#include "layers/snapshot/registry_holder.h"
#include "layers/store/store_listener.h"
#include "server/http/router.h"
#include "server/site.h"

namespace server {

// What the routes are configured with (from server/options).
struct RouteOptions {
  std::size_t tile_cache_bytes = std::size_t{256} << 20;  // 0: no tile cache
  std::string web_dir;  // the map page's files; empty: routes::default_web_dir()
  layers::edit::EditLimits edit_limits;  // bodies, vertices and writes per token
  // A PostgreSQL store's listener, which /readyz consults; must outlive the router.
  const layers::StoreListener* listener = nullptr;
};

// The holder must outlive the router. Each request works on the snapshot
// current when it starts.
http::Router make_router(layers::RegistryHolder& registry, const Site& site = {}, const RouteOptions& options = {});

}  // namespace server
