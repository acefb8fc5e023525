#pragma once
// A quick, one-sided validity test for polygons on the integer tile grid.
// Building a GEOS geometry and running IsValidOp for every polygon of every
// tile was half the time of a cold tile, though nearly all of them are
// valid. surely_valid() proves validity in integer arithmetic for the common
// case (rings that nowhere touch except at consecutive edges); false means
// only "not proven", and the caller asks GEOS.
#include "geo/geos/geometry_ops.h"

namespace geo {

// True only if the polygon (closed rings of integer coordinates, exterior
// first, no repeated consecutive points) is valid by the OGC rules GEOS
// checks: rings closed, of three or more distinct points, no ring touching
// itself or another ring, no spikes, every hole inside the exterior and
// outside the other holes. May return false for a valid polygon.
bool surely_valid(const FlatPolygon& polygon);

// The same test, also telling when the polygon is surely invalid (rings
// crossing, a ring touching itself, a spike, a hole outside its shell or
// inside another hole), so that the caller can repair it without asking
// GEOS first. valid and invalid are proven; unknown is left to GEOS.
enum class Validity { valid, invalid, unknown };
Validity quick_validity(const FlatPolygon& polygon);

// The same for polygons read as one MultiPolygon: each proven as above, no
// two with boundaries that meet, none inside another's exterior. Lets the
// re-check after a repair skip GEOS too.
bool surely_valid(const std::vector<FlatPolygon>& polygons);

}  // namespace geo
