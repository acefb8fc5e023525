#pragma once
// The report of one territorial unit ("ficha", issue 16):
// GET /territories/{code}/report.pdf and /territories/{code}/report.html,
// with the division and filter parameters of /coverage.
#include "layers/snapshot/registry_holder.h"
#include "layers/snapshot/snapshot.h"
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/http/router.h"

namespace server::routes {

http::Response territory_report_pdf(const http::Request& r, const layers::Snapshot& snapshot);
http::Response territory_report_html(const http::Request& r, const layers::Snapshot& snapshot);

// Both routes, on the job pool (a report takes tens of milliseconds).
void add_report_routes(http::Router& router, layers::RegistryHolder& holder);

}  // namespace server::routes
