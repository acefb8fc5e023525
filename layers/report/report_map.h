#pragma once
// The map of a report: the unit's communes coloured by their initiatives
// (the raster tiles' palette), the neighbouring units of its level in grey
// for context and the unit's boundary, taken from the tiles' simplified
// geometry at the zoom whose detail matches the map's scale, projected
// into a frame of points (y down) that any renderer (PDF, SVG) draws as is.
#include <string>
#include <vector>

#include "geo/geos/geometry_ops.h"
#include "geo/raster/raster_canvas.h"
#include "layers/report/territory_report.h"
#include "layers/tiles/tiles_palette.h"
#include "layers/tiles/tileset.h"

namespace layers {

struct ReportMapShape {
  const Unit* unit = nullptr;
  std::vector<geo::FlatPolygon> polygons;  // frame points, y down
  geo::Rgba fill;
};

struct ReportMap {
  double width = 0, height = 0;          // the frame (0 x 0: the unit has no geometry)
  std::vector<ReportMapShape> context;   // neighbours of the unit's level, grey
  std::vector<ReportMapShape> communes;  // the unit's communes, coloured
  std::vector<geo::FlatPolygon> outline;  // the unit's boundary
  std::vector<ColourClass> legend;       // palette(Measure::initiatives)
  int zoom = 0;                          // the tiles' band the shapes come from
  bool outlying_left_out = false;        // small remote islands lie outside the frame
  bool empty() const { return communes.empty(); }
};

inline constexpr geo::Rgba kContextFill{245, 245, 245, 255};
inline constexpr geo::Rgba kContextStroke{200, 200, 200, 255};
inline constexpr geo::Rgba kOutlineColour{60, 60, 60, 255};

// A map max_width points wide and at most max_height high (less for a
// unit wider than the frame's aspect), the unit centred.
ReportMap build_report_map(const TileSet& tileset, const TerritoryReport& report, double max_width,
                           double max_height);

}  // namespace layers
