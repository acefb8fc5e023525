// The grid that settles most points of Catalog::locate() against the path
// without it, on the bundled communes: random points in Chile's box (the
// benchmark's) and points around the boundaries' vertices.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "geo/index/point_grid.h"
#include "geo/index/polygon_index.h"
#include "tests/support/fixture_store.h"

namespace {

using Kind = geo::PointGrid::Settled::Kind;

struct Communes {
  std::vector<const layers::Unit*> units;
  std::unique_ptr<geo::PolygonIndex> index;
};

Communes communes(const layers::Catalog& catalog) {
  Communes c;
  std::vector<geo::Geometry> polygons;
  for (const layers::Unit* u : catalog.units(layers::Division::d2018, layers::Level::commune)) {
    c.units.push_back(u);
    const geo::Geometry* g = catalog.geometry(layers::Division::d2018, u->code);
    polygons.push_back(g ? g->clone() : geo::Geometry());
  }
  c.index = std::make_unique<geo::PolygonIndex>(std::move(polygons));
  return c;
}

// Catalog::locate() as it was before the grid, from the index alone.
layers::PointMatch reference(const Communes& c, double snap, double lon, double lat) {
  layers::PointMatch m;
  const auto hits = c.index->containing(lon, lat);
  if (hits.size() == 1) return {c.units[hits[0]], layers::PointBasis::inside, 0};
  if (hits.size() > 1) {
    double best = -1;
    for (std::size_t id : hits) {
      const double depth = c.index->boundary_distance_m(id, lon, lat);
      if (depth > best) best = depth, m.commune = c.units[id];
    }
    m.basis = layers::PointBasis::inside_overlap;
    return m;
  }
  if (auto n = c.index->nearest(lon, lat, snap)) return {c.units[n->id], layers::PointBasis::nearest, n->metres};
  return m;
}

void expect_same(const layers::Catalog& catalog, const Communes& c, double lon, double lat, std::size_t& differ) {
  const auto got = catalog.locate(lon, lat);
  const auto want = reference(c, catalog.snap_metres(), lon, lat);
  if (got.commune != want.commune || got.basis != want.basis || got.distance_m != want.distance_m) {
    if (++differ <= 10)
      ADD_FAILURE() << "(" << lon << ", " << lat << "): " << (got.commune ? got.commune->code : "none") << " "
                    << layers::point_basis_name(got.basis) << ", before " << (want.commune ? want.commune->code : "none")
                    << " " << layers::point_basis_name(want.basis);
  }
}

TEST(PointGridCommunes, LocateAnswersAsBeforeOnRandomPointsInChilesBox) {
  const auto& catalog = test_support::fixture_registry().catalog();
  const Communes c = communes(catalog);
  const geo::PointGrid grid(*c.index, catalog.snap_metres());
  std::mt19937_64 rng(20171119);
  std::uniform_real_distribution<double> lon(-76.0, -66.4), lat(-56.0, -17.5);
  std::size_t differ = 0, settled = 0;
  constexpr std::size_t kPoints = 300000;
  for (std::size_t i = 0; i < kPoints; ++i) {
    const double x = lon(rng), y = lat(rng);
    if (grid.settle(x, y).kind != Kind::unknown) ++settled;
    expect_same(catalog, c, x, y, differ);
  }
  EXPECT_EQ(differ, 0u);
  std::printf("settled by the grid: %zu of %zu uniform points\n", settled, kPoints);
  EXPECT_GT(settled, kPoints * 8 / 10) << "the grid should settle most points of the box";
}

TEST(PointGridCommunes, LocateAnswersAsBeforeAroundTheBoundaries) {
  const auto& catalog = test_support::fixture_registry().catalog();
  const Communes c = communes(catalog);
  // Around every 7th vertex: within a cell, within the snap distance, just
  // beyond it (2 km is 0.018 degrees of latitude, more of longitude).
  std::vector<std::pair<double, double>> vertices;
  std::size_t k = 0;
  c.index->for_each_edge([&](double x1, double y1, double, double) {
    if (k++ % 7 == 0) vertices.emplace_back(x1, y1);
  });
  std::mt19937_64 rng(18);
  std::uniform_real_distribution<double> unit(-1, 1);
  std::size_t differ = 0;
  for (const auto& [x, y] : vertices)
    for (const double r : {1e-9, 0.004, 0.02, 0.035, 0.06}) expect_same(catalog, c, x + r * unit(rng), y + r * unit(rng), differ);
  EXPECT_EQ(differ, 0u);
  EXPECT_GT(vertices.size(), 30000u);
}

}  // namespace

namespace {

// The index's point queries (through its tree of parts) against a walk over
// every commune and every edge.
TEST(PointGridCommunes, IndexQueriesMatchAWalkOverEveryCommune) {
  const auto& catalog = test_support::fixture_registry().catalog();
  const Communes c = communes(catalog);
  std::vector<std::pair<double, double>> vertices;
  std::size_t k = 0;
  c.index->for_each_edge([&](double x1, double y1, double, double) {
    if (k++ % 701 == 0) vertices.emplace_back(x1, y1);
  });
  std::mt19937_64 rng(21);
  std::uniform_real_distribution<double> unit(-1, 1);
  const double snap = catalog.snap_metres();
  for (const auto& [x0, y0] : vertices) {
    const double x = x0 + 0.03 * unit(rng), y = y0 + 0.03 * unit(rng);
    std::vector<std::size_t> inside;
    std::optional<geo::PolygonIndex::Nearest> nearest;
    for (std::size_t id = 0; id < c.index->size(); ++id) {
      if (c.index->contains(id, x, y)) inside.push_back(id);
      const double d = c.index->boundary_distance_m(id, x, y);
      if (d <= snap && (!nearest || d < nearest->metres)) nearest = geo::PolygonIndex::Nearest{id, d};
    }
    EXPECT_EQ(c.index->containing(x, y), inside) << x << " " << y;
    const auto got = c.index->nearest(x, y, snap);
    ASSERT_EQ(got.has_value(), nearest.has_value()) << x << " " << y;
    if (got) {
      EXPECT_EQ(got->id, nearest->id) << x << " " << y;
      EXPECT_EQ(got->metres, nearest->metres) << x << " " << y;
    }
  }
  EXPECT_GT(vertices.size(), 300u);
}

}  // namespace
