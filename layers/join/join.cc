#include "layers/join/join.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "geo/error.h"
#include "geo/geos/geometry_ops.h"
#include "layers/errors.h"

namespace layers {

std::string_view footprint_kind_name(FootprintKind k) {
  switch (k) {
    case FootprintKind::codes: return "codes";
    case FootprintKind::names: return "names";
    case FootprintKind::points: return "points";
    case FootprintKind::polygons: return "polygons";
    case FootprintKind::unknown: return "unknown";
  }
  return "unknown";
}

bool in_chile_extent(double lon, double lat) {
  // Rapa Nui (-109.5) to the eastern Andes (-66.4); Arica (-17.5) to Cape Horn
  // and the Diego Ramírez islands (-56.6).
  return lon >= -110.0 && lon <= -66.0 && lat >= -57.0 && lat <= -17.0;
}

void Joiner::add_unit(std::vector<CommuneHit>& out, Division d, const Unit& u, const std::string& basis) const {
  for (const Unit* c : catalog_.communes_of(d, u)) out.push_back({c, basis, u.level});
}

void Joiner::from_codes(const Footprint& f, const std::string& label, std::vector<CommuneHit>& out) const {
  for (const std::string& code : f.codes) {
    if (!level_of_code(code))
      throw ImportError(label, "'" + code + "' is not a CUT code (2 digits region, 3 province, 5 commune)");
    const Unit* u = catalog_.find(f.division, code);
    if (!u) throw ImportError(label, "unknown code " + code + " in division " + std::string(division_name(f.division)));
    add_unit(out, f.division, *u, "code");
  }
}

void Joiner::from_names(const Footprint& f, const std::string& label, std::vector<CommuneHit>& out) const {
  for (const std::string& name : f.names) {
    const auto r = gazetteer_.resolve(name, f.names_level, f.division);
    if (r.status == Gazetteer::Resolution::not_found)
      throw ImportError(label, "unknown unit name '" + name + "' in division " + std::string(division_name(f.division)));
    if (r.status == Gazetteer::Resolution::ambiguous) {
      std::string which;
      for (const auto& m : r.candidates)
        which += (which.empty() ? "" : ", ") + std::string(level_name(m.entry->level)) + " " + m.entry->code;
      throw ImportError(label, "ambiguous unit name '" + name + "' (" + which + "): give footprint_level or a code");
    }
    const Unit* u = catalog_.find(f.division, r.entry->code);
    if (!u) throw ImportError(label, "unit " + r.entry->code + " missing from the catalog");
    add_unit(out, f.division, *u, "name");
  }
}

void Joiner::from_points(const Footprint& f, const std::string& label, std::vector<CommuneHit>& out,
                         std::vector<std::string>& notes) const {
  std::vector<std::pair<double, double>> points;
  try {
    points = geo::point_coordinates(f.geometry);
  } catch (const geo::Error& e) {
    throw ImportError(label, e.what());
  }
  for (const auto& [x, y] : points) {
    char where[96];
    std::snprintf(where, sizeof where, "(lon %.6f, lat %.6f)", x, y);
    if (!in_chile_extent(x, y))
      throw ImportError(label, std::string("point ") + where + " is outside Chile" +
                                   (in_chile_extent(y, x) ? ": longitude and latitude look swapped" : ""));
    const PointMatch m = catalog_.locate(x, y);
    if (!m.commune)
      throw ImportError(label, std::string("point ") + where + " is in no commune (farther than " +
                                   std::to_string(static_cast<int>(catalog_.snap_metres())) + " m from any)");
    if (m.basis == PointBasis::nearest)
      notes.push_back(std::string("point ") + where + " snapped to commune " + m.commune->code + " at " +
                      std::to_string(static_cast<int>(m.distance_m)) + " m");
    out.push_back({m.commune, std::string(point_basis_name(m.basis)), Level::commune});
  }
}

void Joiner::from_polygons(const Footprint& f, const std::string& label, std::vector<CommuneHit>& out) const {
  const geo::Envelope e = f.geometry.envelope();
  if (!in_chile_extent(e.min_x, e.min_y) || !in_chile_extent(e.max_x, e.max_y))
    throw ImportError(label, "polygon extends outside Chile" +
                                 std::string(in_chile_extent(e.min_y, e.min_x) ? ": longitude and latitude look swapped" : ""));
  bool any = false;
  for (const auto& o : catalog_.overlapping_communes(f.geometry)) {
    if (o.share_of_query < options_.min_overlap_share && o.share_of_polygon < options_.min_overlap_share) continue;
    out.push_back({catalog_.commune_by_index(o.id), "polygon_overlap", Level::commune});
    any = true;
  }
  if (!any) throw ImportError(label, "polygon overlaps no commune");
}

JoinResult Joiner::roll_up(const std::vector<CommuneHit>& hits) const {
  // One basis per commune: the first way it was reached.
  std::map<std::string, std::pair<const Unit*, std::string>> communes;
  for (const auto& h : hits) communes.emplace(h.commune->code, std::make_pair(h.commune, h.basis));
  JoinResult r;
  for (Division d : kAllDivisions) {
    std::map<std::string, std::set<std::string>> reached;  // province/region code -> communes reached
    for (const auto& [code, cb] : communes) {
      r.units.push_back({d, Level::commune, code, true, cb.second});
      for (Level l : {Level::province, Level::region})
        if (const Unit* a = catalog_.ancestor(d, *cb.first, l)) reached[a->code].insert(code);
    }
    for (Level l : {Level::province, Level::region}) {
      for (const auto& [code, inside] : reached) {
        const Unit* u = catalog_.find(d, code);
        if (!u || u->level != l) continue;
        const bool whole = catalog_.communes_of(d, *u).size() == inside.size();
        r.units.push_back({d, l, code, whole, "rollup"});
      }
    }
  }
  return r;
}

JoinResult Joiner::join(const Footprint& f, const std::string& label) const {
  std::vector<CommuneHit> hits;
  std::vector<std::string> notes;
  switch (f.kind) {
    case FootprintKind::codes: from_codes(f, label, hits); break;
    case FootprintKind::names: from_names(f, label, hits); break;
    case FootprintKind::points: from_points(f, label, hits, notes); break;
    case FootprintKind::polygons: from_polygons(f, label, hits); break;
    case FootprintKind::unknown: break;
  }
  JoinResult r = roll_up(hits);
  r.notes = std::move(notes);
  for (const auto& h : hits)
    if (!r.scale || h.scale < *r.scale) r.scale = h.scale;  // region < province < commune
  return r;
}

}  // namespace layers
