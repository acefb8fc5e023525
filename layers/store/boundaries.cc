#include "layers/store/boundaries.h"

#include <map>
#include <set>
#include <unordered_map>

#include "geo/gdal/gdal_dataset.h"
#include "geo/proj/geodesic.h"
#include "geo/geos/geometry_ops.h"
#include "layers/errors.h"

namespace layers {

namespace {
using GeometryPtr = std::shared_ptr<const geo::Geometry>;

std::unordered_map<std::string, GeometryPtr> read_commune_polygons(const std::string& path) {
  geo::Dataset ds = geo::Dataset::open_vector(path);
  if (ds.layer_count() < 1) throw DataError(path + ": no layer");
  geo::Layer layer = ds.layer(0);
  std::unordered_map<std::string, GeometryPtr> out;
  while (geo::Feature f = layer.next()) {
    const std::string code = f.get_string("commune_code");
    if (code.empty()) throw DataError(path + ": feature " + std::to_string(f.fid()) + " has no commune_code");
    geo::Geometry g = f.geometry();
    if (!g || !g.is_polygonal()) throw DataError(path + ": commune " + code + " is not a polygon");
    // The bundled boundaries were repaired upstream; repair again in case a
    // user supplies their own.
    if (!g.is_valid()) g = geo::make_valid_polygonal(g);
    else g = geo::to_multi_polygon(g);
    if (!out.emplace(code, std::make_shared<const geo::Geometry>(std::move(g))).second)
      throw DataError(path + ": commune " + code + " appears twice");
  }
  return out;
}

struct Group {
  std::string name, parent;
  std::vector<const CommuneRow*> communes;
};

void add_dissolved(std::vector<UnitRecord>& out, Division d, Level level, const std::map<std::string, Group>& groups,
                   const std::unordered_map<std::string, GeometryPtr>& polygons, const Progress& progress,
                   std::size_t& done, std::size_t total) {
  for (const auto& [code, g] : groups) {
    UnitRecord r;
    r.division = d;
    r.unit.level = level;
    r.unit.code = code;
    r.unit.name = g.name;
    r.unit.parent_code = g.parent;
    std::vector<const geo::Geometry*> parts;
    for (const CommuneRow* c : g.communes) {
      r.unit.population += c->population;
      auto it = polygons.find(c->commune_code);
      if (it != polygons.end()) parts.push_back(it->second.get());
    }
    if (!parts.empty()) {
      auto dissolved = std::make_shared<const geo::Geometry>(geo::to_multi_polygon(geo::union_all(parts)));
      r.unit.area_km2 = geo::geodesic_area_m2(*dissolved) / 1e6;
      r.geometry = std::move(dissolved);
    }
    out.push_back(std::move(r));
    if (progress) progress(++done, total, "dissolving provinces and regions");
  }
}
}  // namespace

std::vector<UnitRecord> build_units(const std::vector<CommuneRow>& rows, const std::string& boundaries_path,
                                    const Progress& progress) {
  const auto polygons = read_commune_polygons(boundaries_path);
  std::set<std::string> known;
  for (const CommuneRow& c : rows) known.insert(c.commune_code);
  for (const auto& [code, g] : polygons)
    if (!known.count(code)) throw DataError(boundaries_path + ": commune " + code + " is not in territorial_codes.csv");

  std::vector<UnitRecord> out;
  std::map<std::string, Group> prov18, reg18, prov07, reg07;
  for (const CommuneRow& c : rows) {
    for (Division d : kAllDivisions) {
      UnitRecord r;
      r.division = d;
      r.unit.level = Level::commune;
      r.unit.code = c.commune_code;
      r.unit.name = c.commune_name;
      r.unit.parent_code = d == Division::d2018 ? c.province_code : c.province_code_2007;
      r.former_code = c.commune_code_2007;
      r.unit.population = c.population;
      auto it = polygons.find(c.commune_code);
      if (it != polygons.end()) {
        r.geometry = it->second;
        r.unit.area_km2 = geo::geodesic_area_m2(*r.geometry) / 1e6;
      }
      out.push_back(std::move(r));
    }
    auto add = [&](std::map<std::string, Group>& m, const std::string& code, const std::string& name,
                   const std::string& parent) {
      Group& g = m[code];
      g.name = name;
      g.parent = parent;
      g.communes.push_back(&c);
    };
    add(prov18, c.province_code, c.province_name, c.region_code);
    add(reg18, c.region_code, c.region_name, "");
    add(prov07, c.province_code_2007, c.province_name_2007, c.region_code_2007);
    add(reg07, c.region_code_2007, c.region_name_2007, "");
  }
  const std::size_t total = prov18.size() + reg18.size() + prov07.size() + reg07.size();
  std::size_t done = 0;
  add_dissolved(out, Division::d2018, Level::province, prov18, polygons, progress, done, total);
  add_dissolved(out, Division::d2018, Level::region, reg18, polygons, progress, done, total);
  add_dissolved(out, Division::d2007, Level::province, prov07, polygons, progress, done, total);
  add_dissolved(out, Division::d2007, Level::region, reg07, polygons, progress, done, total);
  return out;
}

}  // namespace layers
