#include "layers/report/report_map.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace layers {

namespace {

// The index of the unit with this code in unit_list(level, division) (size(): none).
std::size_t index_of(const TileSet& tiles, Level level, Division d, const std::string& code) {
  const auto& list = tiles.unit_list(level, d);
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i]->code == code) return i;
  return list.size();
}

// Mercator metres to frame points.
struct Frame {
  geo::Envelope box;
  double scale = 1;
  std::vector<geo::FlatPolygon> project(std::vector<geo::FlatPolygon> polys) const {
    for (auto& p : polys)
      for (auto& ring : p.rings)
        for (std::size_t k = 0; k + 1 < ring.size(); k += 2) {
          ring[k] = (ring[k] - box.min_x) * scale;
          ring[k + 1] = (box.max_y - ring[k + 1]) * scale;
        }
    return polys;
  }
};

double box_area(const geo::Envelope& b) { return (b.max_x - b.min_x) * (b.max_y - b.min_y); }

// The box of a unit's polygons without the small remote ones: Valparaíso's
// Isla de Pascua and Juan Fernández would shrink the mainland to a speck.
// A polygon whose box is under 1 % of the largest one's counts only if it
// lies inside the others' box anyway.
geo::Envelope main_box(const std::vector<geo::Envelope>& polygons, bool& left_out) {
  double largest = 0;
  for (const auto& b : polygons) largest = std::max(largest, box_area(b));
  geo::Envelope box = geo::Envelope::empty();
  for (const auto& b : polygons)
    if (box_area(b) >= 0.01 * largest) box.expand(b);
  for (const auto& b : polygons)
    if (!box.intersects(b)) left_out = true;
  return box;
}

// Detail under a quarter of a point is invisible on paper and in print.
constexpr double kDetailPoints = 0.25;

}  // namespace

ReportMap build_report_map(const TileSet& tiles, const TerritoryReport& report, double max_width,
                           double max_height) {
  ReportMap map;
  map.legend = palette(Measure::initiatives);
  const Unit& unit = *report.unit;
  const ZoomedPolygons& own = tiles.units(unit.level, report.division);
  const std::size_t self = index_of(tiles, unit.level, report.division, unit.code);
  if (self >= own.size()) return map;
  geo::Envelope box = main_box(own.item(self)->bounds(kMaxSimplifiedZoom), map.outlying_left_out);
  if (!(box.max_x > box.min_x) || !(box.max_y > box.min_y)) return map;  // no geometry (Antártica)
  // A margin of 4 % so the outline does not touch the frame.
  const double margin = 0.04 * std::max(box.max_x - box.min_x, box.max_y - box.min_y);
  box = {box.min_x - margin, box.min_y - margin, box.max_x + margin, box.max_y + margin};
  Frame frame{box, std::min(max_width / (box.max_x - box.min_x), max_height / (box.max_y - box.min_y))};
  // The frame takes the whole width: the box widens, centred, to its aspect.
  const double extra = (max_width / frame.scale - (box.max_x - box.min_x)) / 2;
  frame.box.min_x -= extra;
  frame.box.max_x += extra;
  box = frame.box;
  map.width = max_width;
  map.height = (box.max_y - box.min_y) * frame.scale;
  int z = 0;
  while (z < kMaxSimplifiedZoom && simplify_tolerance_metres(z) * frame.scale > kDetailPoints) ++z;
  map.zoom = z;

  for (std::size_t i : own.query(z, box))
    if (i != self) map.context.push_back({tiles.unit_list(unit.level, report.division)[i],
                                          frame.project(own.shape(z, i)), kContextFill});
  const ZoomedPolygons& communes = tiles.units(Level::commune, report.division);
  std::unordered_map<std::string_view, std::size_t> commune_index;
  const auto& commune_list = tiles.unit_list(Level::commune, report.division);
  for (std::size_t i = 0; i < commune_list.size(); ++i) commune_index.emplace(commune_list[i]->code, i);
  for (const UnitCoverage& uc : report.communes.units) {
    const auto found = commune_index.find(uc.unit->code);
    if (found == commune_index.end() || communes.shape(z, found->second).empty()) continue;
    const std::size_t i = found->second;
    const UnitStats stats{static_cast<std::int64_t>(uc.total()), uc.per_100k(), uc.covered()};
    map.communes.push_back({uc.unit, frame.project(communes.shape(z, i)),
                            map.legend[class_of(Measure::initiatives, stats)].colour});
  }
  map.outline = frame.project(own.shape(z, self));
  return map;
}

}  // namespace layers
