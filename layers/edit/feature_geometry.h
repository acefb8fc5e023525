#pragma once
// The geometry of a feature body: a GeoJSON Point, MultiPoint, Polygon or
// MultiPolygon object (RFC 7946) in the body's CRS, read into a lon/lat
// GEOS geometry, with a bound on its positions.
#include <cstddef>

#include "geo/geos/geometry.h"
#include "layers/edit/json_body.h"
#include "layers/features/feature_crs.h"

namespace layers::edit {

// The geometry, possibly empty (a MultiPoint or MultiPolygon without
// parts). Positions are [x, y] or [x, y, z] (z is dropped) in crs's axis
// order; polygon rings are closed with at least 4 positions; after any
// transformation every position must be a lon/lat pair. Polygons are not
// repaired here. BadBody: invalid, or too_large past max_vertices.
geo::Geometry read_feature_geometry(const Json& geometry, const Crs& crs, std::size_t max_vertices);

}  // namespace layers::edit
