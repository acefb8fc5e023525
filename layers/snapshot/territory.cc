#include "layers/snapshot/territory.h"

#include <exception>
#include <thread>

#include "geo/binary_io.h"

namespace layers {

namespace {

// Runs `side` on a thread beside `main`; rethrows the first error once both ended.
template <typename Side, typename Main>
void beside(Side side, Main main) {
  std::exception_ptr error;
  std::thread thread([&] {
    try {
      side();
    } catch (...) {
      error = std::current_exception();
    }
  });
  try {
    main();
  } catch (...) {
    thread.join();
    throw;
  }
  thread.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace

Territory::Territory(std::shared_ptr<const Catalog> catalog, const std::vector<CensusZone>& census_zones)
    : catalog_(std::move(catalog)), key_(boundaries_key(*catalog_)) {
  // The texts of the boundaries are written beside the simplification
  // (which takes every core it is given): the two take about as long. The
  // neighbourhood, shorter, follows the texts.
  beside(
      [&] {
        features_ = std::make_unique<const UnitFeatures>(catalog_, census_zones);
        neighbourhood_ = std::make_unique<const Neighbourhood>(*catalog_);
      },
      [&] { tiles_ = std::make_shared<const UnitTiles>(*catalog_); });
}

Territory::Territory(std::shared_ptr<const Catalog> catalog, const std::vector<CensusZone>& census_zones,
                     TerritoryParts parts, std::uint64_t key)
    : catalog_(std::move(catalog)), key_(key) {
  beside(
      [&] {
        features_ = std::make_unique<const UnitFeatures>(catalog_, census_zones, std::move(parts.texts));
        neighbourhood_ = std::make_unique<const Neighbourhood>(*catalog_, parts.neighbours);
      },
      [&] { tiles_ = std::make_shared<const UnitTiles>(*catalog_, std::move(parts.tiles)); });
}

std::uint64_t Territory::boundaries_key(const Catalog& catalog) {
  geo::Hasher h;
  for (Division d : kAllDivisions)
    for (Level level : {Level::region, Level::province, Level::commune}) {
      const std::vector<const Unit*> units = catalog.units(d, level);
      h.u64(units.size());
      for (const Unit* u : units) {
        h.u64(static_cast<std::uint64_t>(u->level));
        h.add(u->code);
        h.add(u->name);
        h.add(u->parent_code);
        h.u64(static_cast<std::uint64_t>(u->population));
        h.f64(u->area_km2);
        if (level == Level::commune) h.add(catalog.former_code(u->code));
        const geo::Geometry* g = catalog.geometry(d, u->code);
        if (!g) {
          h.u64(~0ull);
          continue;
        }
        // Its type and every coordinate, as the parts read them.
        h.u64(static_cast<std::uint64_t>(g->type_id()));
        const std::vector<geo::FlatPolygon> polygons = geo::flatten_polygons(*g);
        h.u64(polygons.size());
        for (const geo::FlatPolygon& p : polygons) {
          h.u64(p.rings.size());
          for (const std::vector<double>& ring : p.rings)
            h.add(std::string_view(reinterpret_cast<const char*>(ring.data()), ring.size() * sizeof(double)));
        }
      }
    }
  return h.value();
}

}  // namespace layers
