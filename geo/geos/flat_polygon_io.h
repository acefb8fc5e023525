#pragma once
// Lists of FlatPolygons in binary records (geo/binary_io.h), written
// compactly when they share their vertices (one coverage at several
// simplifications): each distinct vertex is stored once as exact doubles,
// each ring as the differences of its vertex numbers (zigzag varints: a
// byte or two where a ring follows the table). Read back bit for bit.
#include <vector>

#include "geo/binary_io.h"
#include "geo/geos/geometry_ops.h"

namespace geo {

// Vertices are numbered in the order they first appear: list first the
// polygons with the most vertices (the finest copy) for the smallest record.
void write_polygon_lists(ByteWriter& out, const std::vector<const std::vector<FlatPolygon>*>& lists);
// Throws FormatError on a truncated or damaged record.
std::vector<std::vector<FlatPolygon>> read_polygon_lists(ByteReader& in);

}  // namespace geo
