#include "geo/proj/proj_transform.h"

#include <gtest/gtest.h>

#include "geo/error.h"

namespace {

TEST(ProjTransform, LonLatToUtm19SouthAndBack) {
  // Plaza de Armas de Santiago in UTM 19S (EPSG:32719).
  double x = -70.6506, y = -33.4378;
  geo::ProjTransform fwd("EPSG:4326", "EPSG:32719");
  fwd.transform(x, y);
  EXPECT_NEAR(x, 346565.438, 0.01);  // cs2cs -d 3 EPSG:4326 EPSG:32719
  EXPECT_NEAR(y, 6298958.759, 0.01);
  geo::ProjTransform back("EPSG:32719", "OGC:CRS84");
  back.transform(x, y);
  EXPECT_NEAR(x, -70.6506, 1e-7);
  EXPECT_NEAR(y, -33.4378, 1e-7);
}

TEST(ProjTransform, WebMercatorKeepsLonLatOrder) {
  std::vector<double> xy = {0, 0, 180, 0};
  geo::ProjTransform t("EPSG:4326", "EPSG:3857");
  t.transform(xy);
  EXPECT_NEAR(xy[0], 0, 1e-6);
  EXPECT_NEAR(xy[2], 20037508.342789244, 1e-3);
}

TEST(ProjTransform, UnknownCrsIsAnError) {
  EXPECT_THROW(geo::ProjTransform("EPSG:4326", "EPSG:999999"), geo::ProjError);
  EXPECT_FALSE(geo::proj_crs_exists("EPSG:999999"));
  EXPECT_TRUE(geo::proj_crs_exists("EPSG:32718"));
}

}  // namespace
