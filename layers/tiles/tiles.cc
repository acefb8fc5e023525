#include "layers/tiles/tiles.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>

#include "geo/mvt/mvt_encoder.h"
#include "geo/mvt/mvt_geometry.h"
#include "layers/coverage/coverage.h"
#include "layers/tiles/feature_id.h"
#include "layers/tiles/tile_clusters.h"
#include "layers/tiles/unit_tile_geometry.h"

namespace layers {

namespace {

constexpr std::string_view kLayerNames[] = {"regions",        "provinces",      "communes",    "initiatives",
                                            "territorio",     "regions-2007",   "provinces-2007", "census-zones"};

bool wanted(const TileQuery& q, std::string_view field) {
  if (!q.properties) return true;
  return std::find(q.properties->begin(), q.properties->end(), field) != q.properties->end();
}

struct Budget {
  const TileLimits& limits;
  std::size_t features = 0, bytes = 0;
  bool truncated = false;
  bool full() {
    if (features >= limits.max_features || bytes >= limits.max_bytes) truncated = true;
    return truncated;
  }
};

UnitStats stats_of(const Unit& u, std::size_t initiatives) {
  return {static_cast<std::int64_t>(initiatives), std::round(per_100k(initiatives, u.population) * 1000) / 1000,
          initiatives > 0};
}


void commit_feature(geo::mvt::Layer& layer, geo::mvt::FeatureBuilder& f, Budget& budget) {
  const std::size_t before = layer.feature_bytes();
  if (f.commit()) {
    ++budget.features;
    budget.bytes += layer.feature_bytes() - before;
  }
}

void add_unit_layer(geo::mvt::Layer& layer, const TileSet& ts, const Registry& registry, Level level,
                    const TileQuery& q, const StatsLookup& stats, const UnitGeometryLookup& geometry,
                    Budget& budget) {
  const std::vector<const Unit*>& units = ts.unit_list(level, q.division);
  const auto st = stats(level, q.division);
  const Catalog& catalog = registry.catalog();
  std::shared_ptr<const std::string> kept;
  if (geometry) kept = geometry(level, q.division, q.tile);
  const std::string drawn = kept ? std::string() : unit_tile_geometry(ts, level, q.division, q.tile, budget.limits);
  const UnitTileGeometry parts(kept ? std::string_view(*kept) : std::string_view(drawn));
  parts.for_each([&](std::size_t i, std::vector<std::uint32_t> commands) {
    if (budget.full()) return false;
    if (commands.empty()) return true;
    const Unit& u = *units[i];
    geo::mvt::FeatureBuilder f(layer);
    f.set_id(tile_feature_id(u.code, i + 1));
    f.set_polygon_commands(std::move(commands));
    if (wanted(q, "code")) f.add_property("code", u.code);
    if (wanted(q, "name")) f.add_property("name", u.name);
    if (level == Level::commune && wanted(q, "province_code")) f.add_property("province_code", u.parent_code);
    if (level != Level::region && wanted(q, "region_code")) {
      const Unit* r = level == Level::province ? catalog.parent(q.division, u) : catalog.ancestor(q.division, u, Level::region);
      if (r) f.add_property("region_code", r->code);
    }
    if (wanted(q, "population")) f.add_property("population", u.population);
    const UnitStats& s = (*st)[i];
    if (wanted(q, "initiatives")) f.add_property("initiatives", s.initiatives);
    if (wanted(q, "per_100k")) f.add_property("per_100k", s.per_100k);
    if (wanted(q, "covered")) f.add_property("covered", s.covered);
    commit_feature(layer, f, budget);
    return true;
  });
  // A list cut at the limits ends where the tile is full.
  if (!parts.complete()) budget.full();
}

void add_initiative_properties(geo::mvt::FeatureBuilder& f, const Initiative& in, const TileQuery& q) {
  auto text = [&](const char* name, const std::string& v) {
    if (!v.empty() && wanted(q, name)) f.add_property(name, v);
  };
  text("id", in.id);
  text("name", in.name);
  text("institution", in.institution);
  text("institution_type", in.institution_type);
  text("area", in.area);
  text("thematic_field", in.thematic_field);
  text("stage", in.stage);
  text("award", in.award);
  text("scope", in.scope);
  text("region_recorded", in.region_recorded);
  if (in.year && wanted(q, "year")) f.add_property("year", static_cast<std::int64_t>(*in.year));
}

// Below the highest zoom a tile with more matched records than kClusterAbove
// is drawn clustered (layers/tiles/tile_clusters.h).
bool clustered(const TileQuery& q, std::size_t matched) { return q.tile.z < kMaxTileZoom && matched > kClusterAbove; }

void add_points_layer(geo::mvt::Layer& layer, const TileSet& ts, const Registry& registry, const TileQuery& q,
                      const geo::TileGrid& grid, Budget& budget) {
  const geo::Envelope box = geo::buffered_bounds(q.tile, grid);
  const auto& initiatives = registry.initiatives();
  std::vector<TilePoint> points;
  for (std::size_t i = 0; i < initiatives.size(); ++i) {
    const auto& pt = ts.initiative_points()[i];
    if (!pt || !box.contains(pt->first, pt->second)) continue;
    if (!q.filter.matches(initiatives[i].initiative)) continue;
    geo::mvt::IntPoint p;
    if (!geo::tile_point(pt->first, pt->second, grid, p)) continue;
    points.push_back({i, p});
  }
  auto record = [&](std::size_t i, geo::mvt::IntPoint p) {
    geo::mvt::FeatureBuilder f(layer);
    f.set_id(tile_feature_id(initiatives[i].initiative.id, i + 1));
    f.add_point(p);
    add_initiative_properties(f, initiatives[i].initiative, q);
    commit_feature(layer, f, budget);
  };
  if (!clustered(q, points.size())) {
    for (const TilePoint& p : points) {
      if (budget.full()) return;
      record(p.record, p.at);
    }
    return;
  }
  for (const PointCluster& c : cluster_points(points, kClusterCell, kTileBuffer)) {
    if (budget.full()) return;
    if (c.records.size() == 1) {
      record(c.records.front(), c.at);
      continue;
    }
    // A cluster has no id (it is no record) and always its count.
    geo::mvt::FeatureBuilder f(layer);
    f.add_point(c.at);
    f.add_property("count", static_cast<std::int64_t>(c.records.size()));
    commit_feature(layer, f, budget);
  }
}

void add_footprints_layer(geo::mvt::Layer& layer, const TileSet& ts, const Registry& registry, const TileQuery& q,
                          const geo::TileGrid& grid, Budget& budget) {
  const auto& initiatives = registry.initiatives();
  std::vector<std::pair<std::size_t, std::size_t>> matched;
  for (const auto& ik : ts.footprints_in(q.tile.z, geo::buffered_bounds(q.tile, grid)))
    if (q.filter.matches(initiatives[ik.first].initiative)) matched.push_back(ik);
  const bool cluster = clustered(q, matched.size());
  // Clustered: a shape drawn by several records is drawn once with their
  // count; a shape within one cell is left to the points layer, which
  // counts every record.
  std::map<std::size_t, std::size_t> owners;
  if (cluster)
    for (const auto& ik : matched) ++owners[ik.second];
  const double cell_metres = (geo::tile_bounds(q.tile).max_x - geo::tile_bounds(q.tile).min_x) * kClusterCell / kTileExtent;
  // A shared shape is clipped once per tile, however many records draw it.
  std::map<std::size_t, std::vector<geo::mvt::Polygon>> clipped;
  for (const auto& [i, k] : matched) {
    if (budget.full()) return;
    std::size_t count = 1;
    if (cluster) {
      const geo::Envelope& b = ts.footprints().item(k)->box(q.tile.z);
      if (b.max_x - b.min_x < cell_metres && b.max_y - b.min_y < cell_metres) continue;
      auto o = owners.find(k);
      if (o->second == 0) continue;  // drawn already, with its count
      count = std::exchange(o->second, 0);
    }
    auto it = clipped.find(k);
    if (it == clipped.end())
      it = clipped.emplace(k, geo::tile_polygons(ts.footprints().shape(q.tile.z, k), grid, &ts.footprints().bounds(q.tile.z, k))).first;
    const std::vector<geo::mvt::Polygon>& polys = it->second;
    if (polys.empty()) continue;
    geo::mvt::FeatureBuilder f(layer);
    if (count == 1) f.set_id(tile_feature_id(initiatives[i].initiative.id, i + 1));
    bool any = false;
    for (const auto& p : polys) any = f.add_polygon(p) || any;
    if (!any) continue;
    if (count == 1)
      add_initiative_properties(f, initiatives[i].initiative, q);
    else
      f.add_property("count", static_cast<std::int64_t>(count));
    commit_feature(layer, f, budget);
  }
}

}  // namespace

std::optional<TileLayer> parse_tile_layer(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kLayerNames); ++i)
    if (kLayerNames[i] == name) return static_cast<TileLayer>(i);
  return std::nullopt;
}

std::string_view tile_layer_name(TileLayer layer) { return kLayerNames[static_cast<std::size_t>(layer)]; }

const std::vector<std::string>& tile_layer_names() {
  static const std::vector<std::string> names(std::begin(kLayerNames), std::end(kLayerNames));
  return names;
}

std::optional<Level> tile_layer_level(TileLayer layer) {
  switch (layer) {
    case TileLayer::regions:
    case TileLayer::regions_2007: return Level::region;
    case TileLayer::provinces:
    case TileLayer::provinces_2007: return Level::province;
    case TileLayer::communes: return Level::commune;
    default: return std::nullopt;
  }
}

std::optional<Division> tile_layer_division(TileLayer layer) {
  if (layer == TileLayer::regions_2007 || layer == TileLayer::provinces_2007) return Division::d2007;
  return std::nullopt;
}

bool tile_layer_is_collection(TileLayer layer) { return layer != TileLayer::territorio; }

bool tile_layer_has_map(TileLayer layer) { return layer != TileLayer::territorio; }

std::vector<std::string> mvt_layer_names(TileLayer layer) {
  switch (layer) {
    case TileLayer::initiatives: return {std::string(kFootprintsLayer), std::string(kInitiativePointsLayer)};
    case TileLayer::territorio:
      return {"regions", "provinces", "communes", std::string(kFootprintsLayer), std::string(kInitiativePointsLayer)};
    default: return {std::string(tile_layer_name(layer))};
  }
}

const std::vector<TileField>& unit_tile_fields() {
  static const std::vector<TileField> fields = {
      {"code", "String", "CUT code"},
      {"name", "String", "official name"},
      {"province_code", "String", "CUT code of the province (communes)"},
      {"region_code", "String", "CUT code of the region (communes, provinces)"},
      {"population", "Number", "population, Censo 2017"},
      {"initiatives", "Number", "initiatives acting in the unit or on a whole enclosing unit (filtered)"},
      {"per_100k", "Number", "initiatives per 100,000 inhabitants"},
      {"covered", "Boolean", "at least one initiative"},
  };
  return fields;
}

const std::vector<TileField>& initiative_tile_fields() {
  static const std::vector<TileField> fields = {
      {"id", "String", "initiative id"},
      {"name", "String", "name"},
      {"institution", "String", "presenting institution"},
      {"institution_type", "String", "institution type"},
      {"area", "String", "area"},
      {"thematic_field", "String", "thematic field"},
      {"stage", "String", "stage reached"},
      {"award", "String", "award"},
      {"scope", "String", "declared scope"},
      {"region_recorded", "String", "region as recorded by the source"},
      {"year", "Number", "contest year"},
      {"count", "Number",
       "records a clustered feature stands for (dense tiles below the highest zoom; such a feature has no other field)"},
  };
  return fields;
}

const std::vector<TileField>& census_tile_fields() {
  static const std::vector<TileField> fields = {
      {"zone_code", "String", "INE zone code"},
      {"commune_code", "String", "CUT code of the commune"},
      {"region_code", "String", "CUT code of the region"},
      {"population", "Number", "population, Censo 2017"},
  };
  return fields;
}

const std::vector<TileField>& tile_fields(std::string_view mvt_layer) {
  if (mvt_layer == kInitiativePointsLayer || mvt_layer == kFootprintsLayer) return initiative_tile_fields();
  if (mvt_layer == tile_layer_name(TileLayer::census_zones)) return census_tile_fields();
  return unit_tile_fields();
}

std::vector<UnitStats> unit_stats(const Registry& registry, Level level, Division division,
                                  const InitiativeFilter& filter) {
  const Coverage cov = compute_coverage(registry, level, division, filter);
  std::vector<UnitStats> out;
  out.reserve(cov.units.size());
  for (const UnitCoverage& uc : cov.units) out.push_back(stats_of(*uc.unit, uc.total()));
  return out;
}

std::vector<UnitStats> unit_stats(const CoverageCounts& counts, Level level, Division division) {
  const auto& units = counts.units(level, division);
  const auto& of = counts.of(level, division);
  std::vector<UnitStats> out;
  out.reserve(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) out.push_back(stats_of(*units[i], of[i].total()));
  return out;
}

std::string unit_tile_geometry(const TileSet& tileset, Level level, Division division, const geo::TileId& tile,
                               const TileLimits& limits) {
  const geo::TileGrid grid{geo::TileTransform(tile, kTileExtent), kTileExtent, kTileBuffer};
  return encode_unit_tile_geometry(tileset.units(level, division), tile, grid, limits.max_features, limits.max_bytes);
}

VectorTile build_vector_tile(const TileSet& tileset, const Registry& registry, const TileQuery& query,
                             const StatsLookup& stats, const TileLimits& limits, const UnitGeometryLookup& geometry) {
  TileQuery q = query;
  if (const auto d = tile_layer_division(q.layer)) q.division = *d;
  const geo::TileGrid grid{geo::TileTransform(q.tile, kTileExtent), kTileExtent, kTileBuffer};
  Budget budget{limits};
  std::vector<geo::mvt::Layer> layers;
  const std::vector<std::string> names = mvt_layer_names(q.layer);
  layers.reserve(names.size());
  for (const std::string& name : names) {
    layers.emplace_back(name, kTileExtent);
    geo::mvt::Layer& l = layers.back();
    if (name == kInitiativePointsLayer)
      add_points_layer(l, tileset, registry, q, grid, budget);
    else if (name == kFootprintsLayer)
      add_footprints_layer(l, tileset, registry, q, grid, budget);
    else if (const auto level = tile_layer_level(*parse_tile_layer(name)))
      add_unit_layer(l, tileset, registry, *level, q, stats, geometry, budget);
    else
      throw std::invalid_argument("layers/tiles/census_tiles.h draws the census zones");
  }
  std::vector<const geo::mvt::Layer*> ptrs;
  for (const auto& l : layers) ptrs.push_back(&l);
  VectorTile out;
  out.bytes = geo::mvt::encode_tile(ptrs);
  out.features = budget.features;
  out.truncated = budget.truncated;
  return out;
}

}  // namespace layers
