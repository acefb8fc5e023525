#pragma once
// What the CSV and GeoJSON upload readers share (layers/join/upload_join.h):
// the vertex budget of an upload, the join of a parsed geometry, and the
// shortening of echoed input in error messages.
#include <cstddef>
#include <string>
#include <string_view>

#include "geo/geos/geometry.h"
#include "layers/model/catalog.h"
#include "layers/join/place_join.h"
#include "layers/join/upload_join.h"

namespace layers::upload {

// Counts the positions of every geometry of one upload against the limits;
// take() throws UploadLimitExceeded prefixed with `where` ("line 3",
// "features[2]") when a geometry or the upload has too many.
class VertexBudget {
 public:
  explicit VertexBudget(const UploadLimits& limits) : limits_(limits) {}
  void take(std::size_t vertices, const std::string& where);

 private:
  const UploadLimits& limits_;
  std::size_t used_ = 0;
};

// Points join by point in polygon, polygons by overlap, anything else
// (lines, collections) to nothing (unsupported_geometry).
PlaceJoin join_geometry(const Catalog& catalog, const geo::Geometry& g);

// text quoted and cut to a few dozen bytes (on a UTF-8 boundary), for
// messages that echo the input; text must be valid UTF-8.
std::string excerpt(std::string_view text);

// A library message cut to a sentence's length, its bytes made safe.
std::string short_reason(std::string_view message);

}  // namespace layers::upload
