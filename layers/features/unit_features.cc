#include "layers/features/unit_features.h"

#include <cmath>

namespace layers {

namespace {

double round_to(double v, int decimals) {
  const double k = std::pow(10.0, decimals);
  return std::round(v * k) / k;
}

// The two count fields close every unit collection's fields.
constexpr std::size_t kCountFields = 2;

Collection unit_shell(Division d, Level level) {
  Collection c;
  const std::string level_plural = level == Level::region ? "regions" : level == Level::province ? "provinces" : "communes";
  const bool d2007 = d == Division::d2007;
  c.id = d2007 ? level_plural + "-2007" : level_plural;
  const std::string title_level = level == Level::region ? "Regions" : level == Level::province ? "Provinces" : "Communes";
  c.title = title_level + (d2007 ? " of Chile (2007 division)" : " of Chile");
  c.description = title_level + " of the " + std::string(division_name(d)) +
                  " territorial division (CUT codes) with their Censo 2017 population, geodesic area and the number "
                  "of initiatives acting in each." + std::string(level == Level::commune ? " Antártica (12202) has no boundary in the INE cartography and is left out." : "");
  c.geometry_kind = GeometryKind::multi_polygon;
  c.fields.push_back({"code", FieldType::string, "CUT code"});
  c.fields.push_back({"name", FieldType::string, "Official name"});
  if (level == Level::commune) {
    c.fields.push_back({"province_code", FieldType::string, "Province CUT code"});
    c.fields.push_back({"province_name", FieldType::string, "Province name"});
  }
  if (level != Level::region) {
    c.fields.push_back({"region_code", FieldType::string, "Region CUT code"});
    c.fields.push_back({"region_name", FieldType::string, "Region name"});
  }
  c.fields.push_back({"population", FieldType::integer, "Population (Censo 2017)"});
  c.fields.push_back({"area_km2", FieldType::number, "Geodesic area in km²"});
  c.fields.push_back({"initiatives", FieldType::integer, "Initiatives acting in the unit (footprint at its level or finer)"});
  c.fields.push_back({"initiatives_enclosing", FieldType::integer, "Initiatives acting on a whole enclosing unit"});
  return c;
}

void set_counts(PublishedFeature& f, const UnitCounts& counts) {
  const std::size_t n = f.values.size();
  f.values[n - kCountFields] = static_cast<std::int64_t>(counts.in);
  f.values[n - kCountFields + 1] = static_cast<std::int64_t>(counts.enclosing);
}

bool has_counts(const PublishedFeature& f, const UnitCounts& counts) {
  const std::size_t n = f.values.size();
  return f.values[n - kCountFields] == FieldValue{static_cast<std::int64_t>(counts.in)} &&
         f.values[n - kCountFields + 1] == FieldValue{static_cast<std::int64_t>(counts.enclosing)};
}

Collection census_collection(const Catalog& cat, const std::vector<CensusZone>& zones) {
  Collection c;
  c.id = "census-zones";
  c.title = "Census zones (INE, Censo 2017)";
  c.description = "Points of the INE census zones of the Censo 2017 with their population and commune.";
  c.geometry_kind = GeometryKind::point;
  c.fields = {{"zone_code", FieldType::string, "INE zone code"},
              {"commune_code", FieldType::string, "Commune CUT code (INE)"},
              {"commune_name", FieldType::string, "Commune name"},
              {"region_code", FieldType::string, "Region CUT code"},
              {"population", FieldType::integer, "Population (Censo 2017)"}};
  std::vector<std::shared_ptr<const PublishedFeature>> features;
  for (const auto& z : zones) {
    auto f = std::make_shared<PublishedFeature>();
    f->id = z.zone_code;
    const Unit* commune = cat.find(Division::d2018, z.commune_code);
    const Unit* region = commune ? cat.ancestor(Division::d2018, *commune, Level::region) : nullptr;
    f->values = {FieldValue{z.zone_code}, FieldValue{z.commune_code},
                 commune ? FieldValue{commune->name} : FieldValue{}, region ? FieldValue{region->code} : FieldValue{},
                 FieldValue{z.population}};
    auto point = std::make_shared<const geo::Geometry>(geo::Geometry::point(z.lon, z.lat));
    set_geometry(*f, point, geometry_text(*point));
    render(*f, c.fields);
    features.push_back(std::move(f));
  }
  std::sort(features.begin(), features.end(), [](const auto& a, const auto& b) { return a->id < b->id; });
  c.features = std::move(features);
  index(c);
  return c;
}

}  // namespace

UnitFeatures::UnitFeatures(std::shared_ptr<const Catalog> catalog, const std::vector<CensusZone>& census_zones)
    : UnitFeatures(std::move(catalog), census_zones, UnitTexts{}) {}

UnitFeatures::UnitFeatures(std::shared_ptr<const Catalog> catalog, const std::vector<CensusZone>& census_zones,
                           UnitTexts texts)
    : catalog_(std::move(catalog)), texts_(std::move(texts)) {
  const Catalog& cat = *catalog_;
  const std::array<std::pair<Division, Level>, 5> kinds = {{{Division::d2018, Level::region},
                                                            {Division::d2018, Level::province},
                                                            {Division::d2018, Level::commune},
                                                            {Division::d2007, Level::region},
                                                            {Division::d2007, Level::province}}};
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    const auto [d, level] = kinds[k];
    Base& base = bases_[k];
    base.level = level;
    base.division = d;
    Collection c = unit_shell(d, level);
    const std::vector<const Unit*> units = cat.units(d, level);  // by code: features come out in id order
    std::vector<std::shared_ptr<const PublishedFeature>> features;
    for (std::size_t i = 0; i < units.size(); ++i) {
      const Unit* u = units[i];
      // A boundary layer holds the units that have a boundary: commune 12202
      // (Antártica) has no polygon in the INE cartography, so the communes
      // layer has 345 features; the unit itself stays in /territories and
      // /coverage.
      const geo::Geometry* g = cat.geometry(d, u->code);
      if (!g) continue;
      auto f = std::make_shared<PublishedFeature>();
      f->id = u->code;
      f->values.emplace_back(u->code);
      f->values.emplace_back(u->name);
      for (Level parent_level : {Level::province, Level::region}) {
        if ((parent_level == Level::province && level != Level::commune) ||
            (parent_level == Level::region && level == Level::region))
          continue;
        const Unit* p = level == Level::commune ? cat.ancestor(d, *u, parent_level) : cat.parent(d, *u);
        f->values.push_back(p ? FieldValue{p->code} : FieldValue{});
        f->values.push_back(p ? FieldValue{p->name} : FieldValue{});
      }
      f->values.emplace_back(static_cast<std::int64_t>(u->population));
      f->values.emplace_back(round_to(u->area_km2, 2));
      f->values.resize(f->values.size() + kCountFields);
      set_counts(*f, {});
      // The geometry is the catalog's own, kept alive with it.
      std::shared_ptr<const geo::Geometry> geometry(catalog_, g);
      auto text = texts_.find(g);
      if (text == texts_.end()) text = texts_.emplace(g, geometry_text(*g)).first;
      set_geometry(*f, std::move(geometry), text->second);
      render(*f, c.fields);
      features.push_back(std::move(f));
      base.unit_index.push_back(i);
    }
    c.features = std::move(features);
    index(c);
    base.collection = std::make_shared<const Collection>(std::move(c));
  }
  census_ = std::make_shared<const Collection>(census_collection(cat, census_zones));
}

std::vector<std::shared_ptr<const Collection>> UnitFeatures::with_counts(
    const CoverageCounts& counts, const std::vector<std::shared_ptr<const Collection>>& before) const {
  std::vector<std::shared_ptr<const Collection>> out;
  for (std::size_t k = 0; k < bases_.size(); ++k) {
    const Base& base = bases_[k];
    // Reused: the collection before if its counts are these, else each of
    // its features (or the base's) whose counts are.
    const Collection& reuse = before.size() == bases_.size() ? *before[k] : *base.collection;
    const std::vector<UnitCounts>& of = counts.of(base.level, base.division);
    std::vector<std::shared_ptr<const PublishedFeature>> features;
    features.reserve(reuse.features.size());
    bool changed = false;
    for (std::size_t i = 0; i < reuse.features.size(); ++i) {
      const UnitCounts& c = of[base.unit_index[i]];
      if (has_counts(*reuse.features[i], c)) {
        features.push_back(reuse.features[i]);
        continue;
      }
      auto f = std::make_shared<PublishedFeature>(*reuse.features[i]);
      set_counts(*f, c);
      render(*f, reuse.fields);
      features.push_back(std::move(f));
      changed = true;
    }
    if (!changed && before.size() == bases_.size()) {
      out.push_back(before[k]);
      continue;
    }
    Collection c = *base.collection;  // the same fields and metadata
    c.features = std::move(features);
    reindex_properties(c, reuse);  // counts changed, not places
    out.push_back(std::make_shared<const Collection>(std::move(c)));
  }
  return out;
}

}  // namespace layers
