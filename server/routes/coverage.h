#pragma once
// Coverage of a level by the initiatives: per unit and summary with gaps,
// each unit with its gap measures; the units filtered and sorted on request.
#include "layers/snapshot/snapshot.h"
#include "server/http/request.h"
#include "server/http/response.h"

namespace server::routes {

// GET /coverage?level=region|province|commune&division=2018|2007&within=CODE&f=json|csv
//   &covered=true|false&sort=[-]code|name|population|total|per_100k|nearest_initiative_km|neighbours_per_100k&<filters>
http::Response coverage(const http::Request& r, const layers::Snapshot& snapshot);

}  // namespace server::routes
