#include "layers/join/place_join.h"

#include <algorithm>
#include <set>

#include "geo/error.h"
#include "geo/geos/geometry_ops.h"
#include "layers/join/join.h"

namespace layers {

PlaceJoin join_points(const Catalog& catalog, const std::vector<std::pair<double, double>>& lon_lat) {
  if (lon_lat.empty()) return {{}, "no_geometry"};
  PlaceJoin j;
  for (const auto& [lon, lat] : lon_lat) {
    if (!in_chile_extent(lon, lat)) return {{}, "outside_chile"};
    const PointMatch m = catalog.locate(lon, lat);
    if (!m.commune) return {{}, "none"};
    if (std::find(j.communes.begin(), j.communes.end(), m.commune) == j.communes.end()) j.communes.push_back(m.commune);
    j.basis = point_basis_name(m.basis);
  }
  return j;
}

PlaceJoin join_polygonal(const Catalog& catalog, const geo::Geometry& g) {
  if (!g || g.is_empty()) return {{}, "no_geometry"};
  if (!g.is_polygonal()) return {{}, "unsupported_geometry"};
  try {
    const bool valid = g.is_valid();
    const geo::Geometry poly = valid ? g.clone() : geo::make_valid_polygonal(g);
    if (poly.is_empty()) return {{}, "invalid_geometry"};
    const geo::Envelope e = poly.envelope();
    if (!in_chile_extent(e.min_x, e.min_y) || !in_chile_extent(e.max_x, e.max_y)) return {{}, "outside_chile"};
    const JoinOptions options;
    PlaceJoin j;
    for (const auto& o : catalog.overlapping_communes(poly))
      if (o.share_of_query >= options.min_overlap_share || o.share_of_polygon >= options.min_overlap_share)
        j.communes.push_back(catalog.commune_by_index(o.id));
    j.basis = j.communes.empty() ? "none" : valid ? "polygon_overlap" : "polygon_overlap_repaired";
    return j;
  } catch (const geo::Error&) {
    return {{}, "invalid_geometry"};
  }
}

const std::vector<std::string>& place_join_columns() {
  static const std::vector<std::string> names = {
      "commune_code",       "commune_name",       "province_code",    "province_name",
      "region_code",        "region_name",        "province_code_2007", "province_name_2007",
      "region_code_2007",   "region_name_2007",   "join_basis"};
  return names;
}

namespace {
// Distinct units, in commune order, as "code;code" and "name;name".
void append_units(const std::vector<const Unit*>& units, std::vector<std::string>& out) {
  std::string codes, names;
  std::set<const Unit*> seen;
  for (const Unit* u : units) {
    if (!u || !seen.insert(u).second) continue;
    if (!codes.empty()) codes += ';', names += ';';
    codes += u->code;
    names += u->name;
  }
  out.push_back(std::move(codes));
  out.push_back(std::move(names));
}
}  // namespace

std::vector<std::string> place_join_values(const Catalog& catalog, const PlaceJoin& j) {
  std::vector<const Unit*> p18, r18, p07, r07;
  for (const Unit* c : j.communes) {
    p18.push_back(catalog.ancestor(Division::d2018, *c, Level::province));
    r18.push_back(catalog.ancestor(Division::d2018, *c, Level::region));
    p07.push_back(catalog.ancestor(Division::d2007, *c, Level::province));
    r07.push_back(catalog.ancestor(Division::d2007, *c, Level::region));
  }
  std::vector<std::string> out;
  out.reserve(place_join_columns().size());
  append_units(j.communes, out);
  append_units(p18, out);
  append_units(r18, out);
  append_units(p07, out);
  append_units(r07, out);
  out.push_back(j.basis);
  return out;
}

const std::vector<std::string>& PlaceJoinValues::operator()(const PlaceJoin& j) {
  if (j.communes.size() > 1) {
    several_ = place_join_values(catalog_, j);
    return several_;
  }
  std::pair<const Unit*, std::string> key{j.communes.empty() ? nullptr : j.communes[0], j.basis};
  auto it = seen_.find(key);
  if (it == seen_.end()) it = seen_.emplace(std::move(key), place_join_values(catalog_, j)).first;
  return it->second;
}

}  // namespace layers
