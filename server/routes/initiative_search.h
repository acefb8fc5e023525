#pragma once
// GET /initiatives?q=&limit=: the initiatives whose name, institution,
// description or seed remarks hold every word of q (folded for case and
// accents, lightly stemmed), best first, each with its one-line
// description, the matching remarks with their section and a snippet, and
// links to its sheet.
#include "layers/snapshot/snapshot.h"
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/site.h"

namespace server::routes {

http::Response search_initiatives(const http::Request& r, const layers::Snapshot& snapshot, const Site& site);

}  // namespace server::routes
