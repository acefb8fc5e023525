#pragma once
// OGC API - Features Part 4 on the initiatives collection (POST, PUT,
// PATCH, DELETE), each record's history and the changes since a
// generation. Writes need a bearer token; reads stay public.
#include <memory>
#include <string>

#include "layers/access/token_store.h"
#include "layers/edit/editor.h"
#include "layers/snapshot/registry_holder.h"
#include "server/http/router.h"
#include "server/site.h"

namespace server::routes {

struct WriteContext {
  WriteContext(layers::RegistryHolder& holder, Site site, layers::edit::EditLimits limits)
      : editor(holder, limits), tokens(holder.store_path()), site(std::move(site)), store_path(holder.store_path()) {}
  mutable layers::edit::Editor editor;  // thread-safe: writes take the holder's write lock
  layers::access::TokenStore tokens;
  Site site;
  std::string store_path;
};

void add_write_routes(http::Router& router, layers::RegistryHolder& holder, const Site& site,
                      const layers::edit::EditLimits& limits);

}  // namespace server::routes
