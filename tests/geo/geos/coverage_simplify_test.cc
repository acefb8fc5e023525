#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "geo/geos/coverage_simplify.h"
#include "geo/geos/geometry_ops.h"
#include "geo/mvt/mvt_geometry.h"
#include "layers/tiles/tileset.h"
#include "tests/support/fixture_store.h"

namespace {

geo::FlatPolygon ring(std::vector<double> xy) {
  geo::FlatPolygon p;
  p.rings.push_back(std::move(xy));
  return p;
}

// Two squares side by side whose shared edge zigzags a little; a third
// polygon enclosed in the left one's hole.
std::vector<std::vector<geo::FlatPolygon>> toy() {
  const std::vector<double> edge = {10, 0, 10.2, 2, 9.8, 4, 10.2, 6, 9.8, 8, 10, 10};  // bottom to top
  std::vector<double> left = {0, 0};
  for (double v : edge) left.push_back(v);
  left.insert(left.end(), {0, 10, 0, 0});
  std::vector<double> right;
  for (std::size_t k = edge.size(); k >= 2; k -= 2) right.insert(right.end(), {edge[k - 2], edge[k - 1]});
  right.insert(right.end(), {20, 0, 20, 10, 10, 10});
  geo::FlatPolygon l = ring(left);
  l.rings.push_back({2, 2, 2, 4, 4, 4, 4, 2, 2, 2});
  return {{l}, {ring(right)}, {ring({2, 2, 4, 2, 4, 4, 2, 4, 2, 2})}};
}

TEST(CoverageSimplify, SharedEdgesAreSimplifiedOnce) {
  const geo::CoverageTopology topo(toy());
  EXPECT_EQ(topo.feature_count(), 3u);
  // Arcs: the shared zigzag, the two outer runs, and the enclave ring.
  EXPECT_EQ(topo.arc_count(), 4u);
  for (double tol : {0.0, 0.1, 0.3, 1.0, 5.0}) {
    const auto s = topo.simplified(tol);
    ASSERT_EQ(s[0].size(), 1u);
    ASSERT_EQ(s[1].size(), 1u);
    const geo::Geometry a = geo::flat_to_geometry(s[0]), b = geo::flat_to_geometry(s[1]);
    EXPECT_TRUE(a.is_valid()) << tol;
    EXPECT_TRUE(b.is_valid()) << tol;
    EXPECT_NEAR(geo::intersection_area(a, b), 0, 1e-12) << tol;  // no overlap
    const geo::Geometry c = geo::flat_to_geometry(s[2]);
    const geo::Geometry u = geo::union_all({&a, &b, &c});
    // No gap and no overlap: the three tile the 20 x 10 frame exactly
    // (at tolerance 5 the enclave and the hole it fills vanish together).
    EXPECT_NEAR(u.area(), 200, 1e-9) << tol;
    EXPECT_NEAR(a.area() + b.area() + c.area(), 200, 1e-9) << tol;
    EXPECT_EQ(s[2].empty(), tol >= 5) << tol;
  }
  // Zero tolerance keeps every vertex; 0.3 straightens the zigzag.
  EXPECT_EQ(topo.simplified(0)[1][0].rings[0].size(), 2u * 9);
  EXPECT_EQ(topo.simplified(0.3)[1][0].rings[0].size(), 2u * 5);
}

TEST(CoverageSimplify, TinyIslandsDisappear) {
  const geo::CoverageTopology topo({{ring({0, 0, 1, 0, 1, 1, 0, 1, 0, 0})}});
  EXPECT_EQ(topo.simplified(0.1)[0].size(), 1u);
  EXPECT_TRUE(topo.simplified(5)[0].empty());
}

// Area of (sum of parts) - (their union): where neighbours overlap.
double overlap_area(const std::vector<std::vector<geo::FlatPolygon>>& features, double& union_area) {
  std::vector<geo::Geometry> owned;
  double sum = 0;
  for (const auto& f : features) {
    if (f.empty()) continue;
    owned.push_back(geo::make_valid_polygonal(geo::flat_to_geometry(f)));
    sum += owned.back().area();
  }
  std::vector<const geo::Geometry*> parts;
  for (const auto& g : owned) parts.push_back(&g);
  union_area = geo::union_all(parts).area();
  return sum - union_area;
}

TEST(CoverageSimplify, CommuneSliverAreaIsReported) {
  const layers::Registry& reg = test_support::fixture_registry();
  const layers::TileSet ts(reg);
  const layers::ZoomedPolygons& communes = ts.units(layers::Level::commune, layers::Division::d2018);
  // The communes of Valparaíso and Metropolitana (keeps the unions quick),
  // against the finest copy.
  const auto& units = ts.unit_list(layers::Level::commune, layers::Division::d2018);
  std::vector<std::size_t> chosen;
  for (std::size_t i = 0; i < units.size(); ++i)
    if (units[i]->code.starts_with("05") || units[i]->code.starts_with("13")) chosen.push_back(i);
  ASSERT_EQ(chosen.size(), 38u + 52u);
  std::vector<std::vector<geo::FlatPolygon>> source;
  for (std::size_t i : chosen) source.push_back(communes.shape(layers::kMaxSimplifiedZoom, i));
  double source_union = 0;
  const double source_overlap = overlap_area(source, source_union);
  for (int z : {4, 7, 10}) {
    std::vector<std::vector<geo::FlatPolygon>> s;
    for (std::size_t i : chosen) s.push_back(communes.shape(z, i));
    double u = 0;
    const double overlap = overlap_area(s, u);
    // Gaps would show as a smaller union: what the coverage covers beyond the
    // tolerance band of its outer boundary stays covered.
    const double px = layers::simplify_tolerance_metres(z);
    std::printf("z%d: tolerance %.0f m, overlap sliver %.3f km2 (z13 copy %.3f km2), union %.0f km2 (z13 copy %.0f km2), %zu vertices in all communes\n",
                z, px, overlap / 1e6, source_overlap / 1e6, u / 1e6, source_union / 1e6, communes.vertex_count(z));
    ::testing::Test::RecordProperty("overlap_sliver_km2_z" + std::to_string(z), std::to_string(overlap / 1e6));
    // Shared edges are shared: simplifying adds no overlap beyond what the
    // source has (to 0.1 % of the source's overlap, plus repair noise).
    EXPECT_LE(overlap, source_overlap * 1.001 + 1e3) << z;
    EXPECT_NEAR(u, source_union, source_union * 0.01) << z;
  }
}

}  // namespace
