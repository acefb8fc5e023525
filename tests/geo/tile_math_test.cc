#include <gtest/gtest.h>

#include "geo/tile_math.h"

namespace {

TEST(TileMath, ParseTileNumber) {
  EXPECT_EQ(geo::parse_tile_number("0", 0), 0u);
  EXPECT_EQ(geo::parse_tile_number("15", 15), 15u);
  EXPECT_FALSE(geo::parse_tile_number("16", 15));
  for (const char* bad : {"", "-1", "+1", "01", "1.0", "1e2", " 1", "x", "99999999999"})
    EXPECT_FALSE(geo::parse_tile_number(bad, 1u << 30)) << bad;
}

TEST(TileMath, BoundsAndTransform) {
  const geo::Envelope world = geo::tile_bounds({0, 0, 0});
  EXPECT_DOUBLE_EQ(world.min_x, -geo::kMercatorHalfWorld);
  EXPECT_DOUBLE_EQ(world.max_y, geo::kMercatorHalfWorld);
  const geo::Envelope t = geo::tile_bounds({1, 1, 1});
  EXPECT_DOUBLE_EQ(t.min_x, 0);
  EXPECT_DOUBLE_EQ(t.max_y, 0);
  const geo::TileTransform tt({1, 1, 1}, 4096);
  EXPECT_DOUBLE_EQ(tt.x(0), 0);
  EXPECT_DOUBLE_EQ(tt.y(0), 0);
  EXPECT_DOUBLE_EQ(tt.x(geo::kMercatorHalfWorld), 4096);
  EXPECT_DOUBLE_EQ(tt.y(-geo::kMercatorHalfWorld), 4096);
}

TEST(TileMath, MercatorRoundTripAndCovering) {
  double x, y, lon, lat;
  geo::lonlat_to_mercator(-70.65, -33.45, x, y);
  geo::mercator_to_lonlat(x, y, lon, lat);
  EXPECT_NEAR(lon, -70.65, 1e-9);
  EXPECT_NEAR(lat, -33.45, 1e-9);
  const geo::TileRange r = geo::tiles_covering({-70.65, -33.45, -70.65, -33.45}, 12);
  EXPECT_EQ(r.min_x, 1244u);
  EXPECT_EQ(r.min_y, 2452u);
}

}  // namespace
