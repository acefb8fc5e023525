#include "layers/collections.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "geo/geojson_geometry.h"
#include "geo/geometry_ops.h"
#include "layers/coverage.h"

namespace layers {

std::string_view geometry_kind_name(GeometryKind k) {
  switch (k) {
    case GeometryKind::multi_polygon: return "MultiPolygon";
    case GeometryKind::point: return "Point";
    case GeometryKind::any: return "Geometry";
  }
  return "Geometry";
}

std::optional<std::size_t> Collection::field_index(std::string_view name) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return i;
  return std::nullopt;
}

const PublishedFeature* Collection::find(std::string_view feature_id) const {
  const auto it = std::lower_bound(features.begin(), features.end(), feature_id,
                                   [](const PublishedFeature& f, std::string_view id) { return f.id < id; });
  return it != features.end() && it->id == feature_id ? &*it : nullptr;
}

namespace {

double round_to(double v, int decimals) {
  const double k = std::pow(10.0, decimals);
  return std::round(v * k) / k;
}

nlohmann::json to_json(const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  return nullptr;
}

// GeoJSON texts by geometry object while a catalog is built, each with its
// geometry held so no address is reused meanwhile.
using GeometryTexts = std::unordered_map<const geo::Geometry*, std::pair<std::shared_ptr<const geo::Geometry>,
                                                                         std::shared_ptr<const std::string>>>;

// Fills the precomputed texts and the indexes once the features are in.
void finish(Collection& c, GeometryTexts& texts) {
  std::sort(c.features.begin(), c.features.end(),
            [](const PublishedFeature& a, const PublishedFeature& b) { return a.id < b.id; });
  std::vector<geo::Envelope> boxes;
  const geo::CoordinateFormat crs84{kDegreePrecision, nullptr, false};
  for (std::size_t i = 0; i < c.features.size(); ++i) {
    auto& f = c.features[i];
    f.geometry_json = "null";
    f.geometry_text.reset();
    if (f.geometry && !f.geometry->is_empty()) {
      f.box = f.geometry->envelope();
      boxes.push_back(f.box);
      c.with_geometry.push_back(i);
      if (c.extent)
        c.extent->expand(f.box);
      else
        c.extent = f.box;
      auto& [held, text] = texts[f.geometry.get()];
      if (!text) {
        std::string json;
        geo::append_geojson_geometry(json, *f.geometry, crs84);
        held = f.geometry;
        text = std::make_shared<const std::string>(std::move(json));
      }
      f.geometry_text = text;
      f.geometry_json = *text;
    } else {
      f.geometry.reset();
    }
    std::string props = "{";
    for (std::size_t k = 0; k < c.fields.size(); ++k) {
      if (k) props += ',';
      props += nlohmann::json(c.fields[k].name).dump();
      props += ':';
      props += to_json(f.values[k]).dump();
    }
    props += '}';
    f.properties_json = std::move(props);
    if (c.temporal && f.year) {
      if (!c.years)
        c.years = std::make_pair(*f.year, *f.year);
      else
        c.years = std::make_pair(std::min(c.years->first, *f.year), std::max(c.years->second, *f.year));
    }
  }
  c.tree = geo::BoxTree(boxes);
}

FieldValue text_or_null(const std::string& s) { return s.empty() ? FieldValue{} : FieldValue{s}; }

std::unique_ptr<Collection> unit_collection(const Registry& reg, Division d, Level level, GeometryTexts& texts) {
  auto c = std::make_unique<Collection>();
  const std::string level_plural = level == Level::region ? "regions" : level == Level::province ? "provinces" : "communes";
  const bool d2007 = d == Division::d2007;
  c->id = d2007 ? level_plural + "-2007" : level_plural;
  const std::string title_level = level == Level::region ? "Regions" : level == Level::province ? "Provinces" : "Communes";
  c->title = title_level + (d2007 ? " of Chile (2007 division)" : " of Chile");
  c->description = title_level + " of the " + std::string(division_name(d)) +
                   " territorial division (CUT codes) with their Censo 2017 population, geodesic area and the number "
                   "of initiatives acting in each." + std::string(level == Level::commune ? " Antártica (12202) has no boundary in the INE cartography and is left out." : "");
  c->geometry_kind = GeometryKind::multi_polygon;
  c->fields.push_back({"code", FieldType::string, "CUT code"});
  c->fields.push_back({"name", FieldType::string, "Official name"});
  const bool has_province = level == Level::commune, has_region = level != Level::region;
  if (has_province) {
    c->fields.push_back({"province_code", FieldType::string, "Province CUT code"});
    c->fields.push_back({"province_name", FieldType::string, "Province name"});
  }
  if (has_region) {
    c->fields.push_back({"region_code", FieldType::string, "Region CUT code"});
    c->fields.push_back({"region_name", FieldType::string, "Region name"});
  }
  c->fields.push_back({"population", FieldType::integer, "Population (Censo 2017)"});
  c->fields.push_back({"area_km2", FieldType::number, "Geodesic area in km²"});
  c->fields.push_back({"initiatives", FieldType::integer, "Initiatives acting in the unit (footprint at its level or finer)"});
  c->fields.push_back({"initiatives_enclosing", FieldType::integer, "Initiatives acting on a whole enclosing unit"});

  const Coverage cov = compute_coverage(reg, level, d, InitiativeFilter{});
  std::map<std::string, const UnitCoverage*> by_code;
  for (const auto& uc : cov.units) by_code[uc.unit->code] = &uc;
  const Catalog& cat = reg.catalog();
  for (const Unit* u : cat.units(d, level)) {
    // A boundary layer holds the units that have a boundary: commune 12202
    // (Antártica) has no polygon in the INE cartography, so the communes
    // layer has 345 features; the unit itself stays in /territories and
    // /coverage.
    const geo::Geometry* g = cat.geometry(d, u->code);
    if (!g) continue;
    PublishedFeature f;
    f.id = u->code;
    f.values.emplace_back(u->code);
    f.values.emplace_back(u->name);
    for (Level parent_level : {Level::province, Level::region}) {
      if ((parent_level == Level::province && !has_province) || (parent_level == Level::region && !has_region)) continue;
      const Unit* p = level == Level::commune ? cat.ancestor(d, *u, parent_level) : cat.parent(d, *u);
      f.values.push_back(p ? FieldValue{p->code} : FieldValue{});
      f.values.push_back(p ? FieldValue{p->name} : FieldValue{});
    }
    f.values.emplace_back(static_cast<std::int64_t>(u->population));
    f.values.emplace_back(round_to(u->area_km2, 2));
    const auto it = by_code.find(u->code);
    f.values.emplace_back(static_cast<std::int64_t>(it == by_code.end() ? 0 : it->second->acting_in.size()));
    f.values.emplace_back(static_cast<std::int64_t>(it == by_code.end() ? 0 : it->second->acting_on_enclosing.size()));
    f.geometry = std::shared_ptr<const geo::Geometry>(std::shared_ptr<const void>{}, g);
    c->features.push_back(std::move(f));
  }
  finish(*c, texts);
  return c;
}

// The footprint's area from the units it reaches (2018 division): whole
// regions and provinces as they are, the other communes one by one, to be
// dissolved. Provinces and regions are dissolved communes, so the result
// is the union of the footprint's communes.
std::vector<const geo::Geometry*> joined_unit_parts(const Catalog& cat, const StoredInitiative& s) {
  std::set<std::string> regions, provinces;
  std::vector<const geo::Geometry*> parts;
  for (Level level : {Level::region, Level::province, Level::commune}) {
    for (const JoinedUnit& j : s.units) {
      if (j.division != Division::d2018 || j.level != level) continue;
      const Unit* u = cat.find(Division::d2018, j.code);
      if (!u) continue;
      if (level != Level::region) {
        const Unit* r = cat.ancestor(Division::d2018, *u, Level::region);
        if (r && regions.count(r->code)) continue;
      }
      if (level == Level::commune) {
        const Unit* p = cat.ancestor(Division::d2018, *u, Level::province);
        if (p && provinces.count(p->code)) continue;
      }
      if (level != Level::commune && !j.whole) continue;
      (level == Level::region ? regions : provinces).insert(j.code);
      if (const geo::Geometry* g = cat.geometry(Division::d2018, j.code)) parts.push_back(g);
    }
  }
  return parts;
}

// The dissolved geometry of unit parts, shared by every record with the
// same parts: one unit is borrowed from the catalog as is (like the unit
// collections), several are dissolved once.
using JoinedGeometries = std::map<std::vector<const geo::Geometry*>, std::shared_ptr<const geo::Geometry>>;
std::shared_ptr<const geo::Geometry> joined_units_geometry(std::vector<const geo::Geometry*> parts, JoinedGeometries& memo) {
  if (parts.empty()) return nullptr;
  if (parts.size() == 1) return std::shared_ptr<const geo::Geometry>(std::shared_ptr<const void>{}, parts.front());
  const auto it = memo.try_emplace(std::move(parts)).first;
  if (!it->second) it->second = std::make_shared<const geo::Geometry>(geo::to_multi_polygon(geo::union_all(it->first)));
  return it->second;
}

std::string joined_codes(const StoredInitiative& s, Division d, Level level) {
  std::vector<std::string> codes;
  for (const JoinedUnit& j : s.units)
    if (j.division == d && j.level == level) codes.push_back(j.code);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  std::string out;
  for (const auto& code : codes) {
    if (!out.empty()) out += ';';
    out += code;
  }
  return out;
}

std::unique_ptr<Collection> initiative_collection(const Registry& reg, GeometryTexts& texts) {
  auto c = std::make_unique<Collection>();
  c->id = "initiatives";
  c->title = "Initiatives";
  c->description =
      "Initiatives of the Sistema de Buenas Prácticas para el Desarrollo de los Territorios: every field of the record, "
      "the codes of the units they act in (both divisions), and their geometry: their own points or polygons, or else "
      "the union of the units they act in. Without a location the geometry is null.";
  c->geometry_kind = GeometryKind::any;
  c->temporal = true;
  using F = FieldType;
  const std::vector<FieldDef> core = {
      {"id", F::string, "Identifier"},
      {"name", F::string, "Name"},
      {"institution", F::string, "Institution"},
      {"institution_type", F::string, "Institution type"},
      {"area", F::string, "Area"},
      {"thematic_field", F::string, "Thematic field"},
      {"scope", F::string, "Declared scope"},
      {"rurality", F::string, "Rurality"},
      {"contest", F::string, "Contest"},
      {"year", F::integer, "Contest year"},
      {"stage", F::string, "Stage reached"},
      {"award", F::string, "Award"},
      {"field_visit", F::boolean, "Field visit"},
      {"region_recorded", F::string, "Region as recorded by the source"},
      {"footprint_kind", F::string, "How the footprint is given (codes, names, points, polygons, unknown)"},
  };
  c->fields = core;
  // Every other field any record carries, in first-seen order.
  for (const auto& s : reg.initiatives())
    for (const auto& [name, value] : s.initiative.attributes)
      if (!c->field_index(name)) c->fields.push_back({name, F::string, name});
  struct Joined {
    std::string name;
    Division d;
    Level level;
  };
  const std::vector<Joined> joined = {{"commune_codes", Division::d2018, Level::commune},
                                      {"province_codes", Division::d2018, Level::province},
                                      {"region_codes", Division::d2018, Level::region},
                                      {"province_codes_2007", Division::d2007, Level::province},
                                      {"region_codes_2007", Division::d2007, Level::region}};
  for (const auto& j : joined)
    c->fields.push_back({j.name, F::string,
                         "Codes (;-separated) of the " + std::string(level_name(j.level)) + "s it acts in, " +
                             std::string(division_name(j.d)) + " division",
                         true});

  JoinedGeometries joined_geometries;
  for (const auto& s : reg.initiatives()) {
    const Initiative& in = s.initiative;
    PublishedFeature f;
    f.id = in.id;
    f.year = in.year;
    f.values.resize(c->fields.size());
    std::size_t k = 0;
    for (const std::string* text : {&in.id, &in.name, &in.institution, &in.institution_type, &in.area,
                                    &in.thematic_field, &in.scope, &in.rurality, &in.contest})
      f.values[k++] = text_or_null(*text);
    f.values[k++] = in.year ? FieldValue{static_cast<std::int64_t>(*in.year)} : FieldValue{};
    f.values[k++] = text_or_null(in.stage);
    f.values[k++] = text_or_null(in.award);
    f.values[k++] = in.field_visit ? FieldValue{*in.field_visit} : FieldValue{};
    f.values[k++] = text_or_null(in.region_recorded);
    f.values[k++] = FieldValue{std::string(footprint_kind_name(in.footprint.kind))};
    for (const auto& [name, value] : in.attributes) {
      const auto i = c->field_index(name);
      if (i && *i >= core.size()) f.values[*i] = text_or_null(value);
    }
    for (const auto& j : joined) f.values[*c->field_index(j.name)] = text_or_null(joined_codes(s, j.d, j.level));
    const bool own = (in.footprint.kind == FootprintKind::points || in.footprint.kind == FootprintKind::polygons) &&
                     in.footprint.geometry && !in.footprint.geometry.is_empty();
    if (own)
      f.geometry = std::make_shared<const geo::Geometry>(in.footprint.geometry.clone());
    else
      f.geometry = joined_units_geometry(joined_unit_parts(reg.catalog(), s), joined_geometries);
    c->features.push_back(std::move(f));
  }
  finish(*c, texts);
  return c;
}

std::unique_ptr<Collection> census_collection(const Registry& reg, const std::vector<CensusZone>& zones,
                                              GeometryTexts& texts) {
  auto c = std::make_unique<Collection>();
  c->id = "census-zones";
  c->title = "Census zones (INE, Censo 2017)";
  c->description = "Points of the INE census zones of the Censo 2017 with their population and commune.";
  c->geometry_kind = GeometryKind::point;
  c->fields = {{"zone_code", FieldType::string, "INE zone code"},
               {"commune_code", FieldType::string, "Commune CUT code (INE)"},
               {"commune_name", FieldType::string, "Commune name"},
               {"region_code", FieldType::string, "Region CUT code"},
               {"population", FieldType::integer, "Population (Censo 2017)"}};
  const Catalog& cat = reg.catalog();
  for (const auto& z : zones) {
    PublishedFeature f;
    f.id = z.zone_code;
    const Unit* commune = cat.find(Division::d2018, z.commune_code);
    const Unit* region = commune ? cat.ancestor(Division::d2018, *commune, Level::region) : nullptr;
    f.values = {FieldValue{z.zone_code}, FieldValue{z.commune_code},
                commune ? FieldValue{commune->name} : FieldValue{}, region ? FieldValue{region->code} : FieldValue{},
                FieldValue{z.population}};
    f.geometry = std::make_shared<const geo::Geometry>(geo::Geometry::point(z.lon, z.lat));
    c->features.push_back(std::move(f));
  }
  finish(*c, texts);
  return c;
}

}  // namespace

FeatureCatalog::FeatureCatalog(const Registry& registry, const std::vector<CensusZone>& census_zones)
    : generation_(registry.generation()) {
  GeometryTexts texts;
  collections_.push_back(unit_collection(registry, Division::d2018, Level::region, texts));
  collections_.push_back(unit_collection(registry, Division::d2018, Level::province, texts));
  collections_.push_back(unit_collection(registry, Division::d2018, Level::commune, texts));
  collections_.push_back(unit_collection(registry, Division::d2007, Level::region, texts));
  collections_.push_back(unit_collection(registry, Division::d2007, Level::province, texts));
  collections_.push_back(initiative_collection(registry, texts));
  collections_.push_back(census_collection(registry, census_zones, texts));
  // FNV-1a over every published text.
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  };
  for (const auto& c : collections_) {
    mix(c->id);
    for (const auto& f : c->features) {
      mix(f.id);
      mix(f.geometry_json);
      mix(f.properties_json);
    }
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  fingerprint_ = buf;
}

const Collection* FeatureCatalog::find(std::string_view id) const {
  for (const auto& c : collections_)
    if (c->id == id) return c.get();
  return nullptr;
}

}  // namespace layers
