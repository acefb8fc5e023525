#pragma once
// Initiatives: one record, and those related to a territorial unit.
#include <string>

#include "layers/snapshot/registry.h"
#include "server/http/request.h"
#include "server/http/response.h"

namespace server::routes {

// GET /initiatives/{id}: JSON, or with f=html or Accept: text/html the
// printable practice sheet (server/encode/practice_sheet.h).
http::Response get_initiative(const http::Request& r, const layers::Registry& reg);
// What get_initiative sends for r ("html" or "json"): part of its validator.
std::string initiative_representation(const http::Request& r);
// GET /territories/{code}/initiatives?division=&<filters>
http::Response territory_initiatives(const http::Request& r, const layers::Registry& reg);

}  // namespace server::routes
