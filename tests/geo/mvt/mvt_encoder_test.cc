#include <gtest/gtest.h>

#include "geo/mvt/mvt_encoder.h"
#include "tests/support/mvt_decode.h"

namespace {

using geo::mvt::FeatureBuilder;
using geo::mvt::IntPoint;
using geo::mvt::Layer;

TEST(MvtEncoder, PolygonIsOrientedAndClosedWithoutRepeats) {
  Layer layer("l", 4096);
  FeatureBuilder f(layer);
  f.set_id(7);
  // Anticlockwise on screen (negative area), with a repeated point and a closing repeat.
  ASSERT_TRUE(f.add_polygon({{{0, 0}, {0, 10}, {0, 10}, {10, 10}, {10, 0}, {0, 0}}}));
  f.add_property("name", std::string("a"));
  f.add_property("n", std::int64_t{-3});
  ASSERT_TRUE(f.commit());
  const std::string tile = geo::mvt::encode_tile({&layer});
  EXPECT_TRUE(tiles_test::validate_tile(tile, 0).empty());
  const auto j = tiles_test::tile_to_json(tile);
  EXPECT_EQ(j["l"]["features"][0]["id"], 7);
  EXPECT_EQ(j["l"]["features"][0]["geometry"].dump(), "[[[10,0],[10,10],[0,10],[0,0]]]");
  EXPECT_EQ(j["l"]["features"][0]["properties"].dump(), R"({"n":-3,"name":"a"})");
  EXPECT_EQ(j["l"]["version"], 2);
}

TEST(MvtEncoder, HoleIsAnticlockwise) {
  Layer layer("l", 4096);
  FeatureBuilder f(layer);
  ASSERT_TRUE(f.add_polygon({{{0, 0}, {20, 0}, {20, 20}, {0, 20}}, {{5, 5}, {15, 5}, {15, 15}, {5, 15}}}));
  ASSERT_TRUE(f.commit());
  const auto j = tiles_test::tile_to_json(geo::mvt::encode_tile({&layer}));
  EXPECT_EQ(j["l"]["features"][0]["geometry"].dump(), "[[[0,0],[20,0],[20,20],[0,20]],[[5,15],[15,15],[15,5],[5,5]]]");
}

TEST(MvtEncoder, DegenerateGeometryIsRolledBack) {
  Layer layer("l", 4096);
  {
    FeatureBuilder f(layer);
    EXPECT_FALSE(f.add_polygon({{{0, 0}, {10, 0}, {0, 0}}}));          // two distinct points
    EXPECT_FALSE(f.add_polygon({{{0, 0}, {5, 5}, {10, 10}, {0, 0}}}));  // zero area
    f.add_property("k", true);
    EXPECT_FALSE(f.commit());
  }
  {
    FeatureBuilder f(layer);  // never committed
    f.add_point({1, 1});
  }
  EXPECT_EQ(layer.feature_count(), 0u);
  EXPECT_EQ(geo::mvt::encode_tile({&layer}), "");  // empty layers are left out
}

TEST(MvtEncoder, DegenerateHoleIsDroppedAndExteriorKept) {
  Layer layer("l", 4096);
  FeatureBuilder f(layer);
  ASSERT_TRUE(f.add_polygon({{{0, 0}, {20, 0}, {20, 20}, {0, 20}}, {{5, 5}, {6, 6}}}));
  ASSERT_TRUE(f.commit());
  const auto j = tiles_test::tile_to_json(geo::mvt::encode_tile({&layer}));
  EXPECT_EQ(j["l"]["features"][0]["geometry"].size(), 1u);
}

TEST(MvtEncoder, ValuesAndKeysAreInterned) {
  Layer layer("l", 4096);
  for (int i = 0; i < 3; ++i) {
    FeatureBuilder f(layer);
    f.add_point({i, i});
    f.add_property("covered", true);
    f.add_property("share", 0.5);
    ASSERT_TRUE(f.commit());
  }
  const auto layers = tiles_test::decode_tile(geo::mvt::encode_tile({&layer}));
  ASSERT_EQ(layers.size(), 1u);
  EXPECT_EQ(layers[0].keys.size(), 2u);
  EXPECT_EQ(layers[0].values.size(), 2u);
  EXPECT_EQ(layers[0].features.size(), 3u);
}

TEST(MvtEncoder, MultiPointRemovesRepeatsAndMixingKindsThrows) {
  Layer layer("l", 4096);
  FeatureBuilder f(layer);
  f.add_point({1, 2});
  f.add_point({1, 2});
  f.add_point({3, 4});
  EXPECT_THROW(f.add_polygon({{{0, 0}, {20, 0}, {20, 20}}}), std::logic_error);
  ASSERT_TRUE(f.commit());
  const auto j = tiles_test::tile_to_json(geo::mvt::encode_tile({&layer}));
  EXPECT_EQ(j["l"]["features"][0]["geometry"].dump(), "[[[1,2]],[[3,4]]]");
}

TEST(MvtEncoder, DuplicateLayerNamesAreRefused) {
  Layer a("same", 4096), b("same", 4096);
  EXPECT_THROW(geo::mvt::encode_tile({&a, &b}), std::invalid_argument);
}

}  // namespace
