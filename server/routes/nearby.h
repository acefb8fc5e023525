#pragma once
// What the neighbours of a unit did: the initiatives around it, nearest first.
#include "layers/snapshot/snapshot.h"
#include "server/http/request.h"
#include "server/http/response.h"

namespace server::routes {

// GET /territories/{code}/nearby-initiatives?division=&limit=&<filters>
http::Response nearby_initiatives(const http::Request& r, const layers::Snapshot& snapshot);

}  // namespace server::routes
