#pragma once
// GeoJSON text of GEOS geometries with a fixed number of decimals, written
// straight into a string (no DOM): the feature encoders precompute it once
// per feature and reuse it for every response.
#include <string>

#include "geo/geos/geometry.h"
#include "geo/proj/proj_transform.h"

namespace geo {

struct CoordinateFormat {
  int precision = 6;                         // decimals kept, trailing zeros trimmed; < 0: exact (shortest text
                                             // that reads back as the same double)
  const ProjTransform* transform = nullptr;  // applied to every x,y (lon/lat in, x/east first out)
  bool swap_axes = false;                    // write y,x (EPSG:4326's latitude-first order)
};

// Appends v with at most `precision` decimals ("-70.5", "12", never "1e-07");
// with precision < 0 the shortest text that reads back as v ("1e-07" may be).
void append_fixed(std::string& out, double v, int precision);

// Appends the GeoJSON geometry object of g ("null" for an empty owner).
// Points, lines, polygons, their multi forms and collections (nested at
// most 32 deep, else GeometryError: the writer's recursion stays bounded).
void append_geojson_geometry(std::string& out, const Geometry& g, const CoordinateFormat& format);

}  // namespace geo
