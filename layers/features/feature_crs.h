#pragma once
// The coordinate reference systems features are served in (OGC API -
// Features Part 2), named by their OGC URIs. Stored geometries are CRS84
// (lon/lat); other CRSs are reached through PROJ.
#include <string>
#include <string_view>
#include <vector>

#include "geo/geos/geometry.h"
#include "geo/proj/proj_transform.h"

namespace layers {

struct Crs {
  std::string uri;       // http://www.opengis.net/def/crs/EPSG/0/3857
  std::string proj;      // EPSG:3857 (what PROJ is told)
  bool lat_first;        // axis order of the CRS: EPSG:4326 is latitude, longitude
  bool projected;        // metres (kMetrePrecision) rather than degrees
  bool is_crs84() const { return proj == "OGC:CRS84"; }
};

// CRS84 first (the default), then EPSG:4326, 3857, 32718, 32719.
const std::vector<Crs>& supported_crs();
const Crs& crs84();
// The CRS a URI names (also the "[EPSG:3857]" safe CURIE and "EPSG:3857");
// null when it is not one we serve.
const Crs* find_crs(std::string_view uri);

// CRS84 -> crs (x/east first), for the calling thread; null for CRS84 and
// EPSG:4326, which need at most an axis swap.
const geo::ProjTransform* transform_from_crs84(const Crs& crs);

// crs -> CRS84 (x/east first), for the calling thread; null for CRS84 and
// EPSG:4326, which need at most an axis swap.
const geo::ProjTransform* transform_to_crs84(const Crs& crs);

// A box given in crs (in its own axis order) as a lon/lat envelope: its
// edges are densified so the curved image of a projected box is covered.
// Throws geo::ProjError when a corner has no image.
geo::Envelope box_to_crs84(const Crs& crs, double a0, double a1, double b0, double b1);

// A geometry given in crs (in its own axis order) in CRS84, for filters in
// filter-crs. A projected one is densified first (segments of at most 1/64
// of its extent), so that its straight edges keep close to their curved
// image, as box_to_crs84 does for a box. Throws geo::Error (ProjError or
// GeosError) when a position has no image.
geo::Geometry geometry_to_crs84(const Crs& crs, const geo::Geometry& g);

}  // namespace layers
