#pragma once
// Bulk join of an uploaded file of points or polygons to the communes,
// provinces and regions they fall in.
#include <cstddef>

#include "layers/snapshot/registry.h"
#include "server/http/request.h"
#include "server/http/response.h"

namespace server::routes {

// Larger uploads are refused with 413: 100,000 points of GeoJSON with a few
// properties take about 15 MB.
inline constexpr std::size_t kMaxJoinUploadBytes = std::size_t{20} << 20;

// POST /join with Content-Type application/geo+json or application/json (a
// FeatureCollection) or text/csv (lon/lat or wkt columns): the same records
// back, in the same format, with the joined unit columns appended.
http::Response join_upload(const http::Request& r, const layers::Registry& reg);

}  // namespace server::routes
