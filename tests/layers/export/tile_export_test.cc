// The offline packages' domain part: which tiles an export visits (exact
// counts, PMTiles order, --within, the limit), the checks of a request and
// the style written next to a package.
#include <gtest/gtest.h>

#include "geo/geos/coordinate_geometry.h"
#include "geo/pmtiles/tile_id.h"
#include "layers/errors.h"
#include "layers/export/export_area.h"
#include "layers/export/package_style.h"
#include "layers/styles/choropleth.h"
#include "layers/styles/maplibre_style.h"
#include "layers/export/tile_export.h"
#include "tests/support/fixture_store.h"

namespace {

using layers::DomainError;

// Plaza de Armas, Santiago: a point far from the edges of the tiles of zooms 0 to 2.
const geo::Envelope kPlaza{-70.6506, -33.4378, -70.6506, -33.4378};

TEST(ExportArea, OneTileAroundTheBoxAndItsNeighboursInPmtilesOrder) {
  layers::ExportArea area;
  area.boxes = {kPlaza};
  const auto tiles = layers::export_tiles(area, 0, 2, 1000);
  // z0: the world; z1: (0,1) and its neighbours, all four; z2: (1,2) and its eight neighbours.
  ASSERT_EQ(tiles.size(), 1u + 4 + 9);
  for (std::size_t i = 1; i < tiles.size(); ++i)
    EXPECT_LT(geo::pmtiles::tile_id(tiles[i - 1]), geo::pmtiles::tile_id(tiles[i]));
  EXPECT_EQ(tiles.front(), (geo::TileId{0, 0, 0}));
  // Two boxes sharing tiles visit each once.
  area.boxes.push_back({-70.6, -33.4, -70.5, -33.3});
  EXPECT_EQ(layers::export_tiles(area, 0, 2, 1000).size(), 14u);
  EXPECT_EQ(layers::export_tiles(area, 2, 2, 1000).size(), 9u);
}

TEST(ExportArea, WithinKeepsOnlyTilesMeetingTheGeometry) {
  const geo::Geometry square =
      geo::polygon_from_rings({{-70.7, -33.5, -70.6, -33.5, -70.6, -33.4, -70.7, -33.4, -70.7, -33.5}});
  layers::ExportArea area;
  area.boxes = {square.envelope()};
  area.within = &square;
  const auto tiles = layers::export_tiles(area, 0, 4, 1000);
  ASSERT_EQ(tiles.size(), 5u);  // one tile per zoom
  EXPECT_EQ(tiles[2], (geo::TileId{2, 1, 2}));
  EXPECT_EQ(tiles[4], (geo::TileId{4, 4, 9}));
}

TEST(ExportArea, MoreTilesThanTheLimitIsRefused) {
  layers::ExportArea area;
  area.boxes = {kPlaza};
  EXPECT_EQ(layers::export_tiles(area, 0, 2, 14).size(), 14u);
  try {
    layers::export_tiles(area, 0, 2, 13);
    FAIL() << "no error";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.fault, layers::Fault::too_large);
    EXPECT_STREQ(e.what(), "the export would visit more than 13 tiles: lower --maxzoom or restrict it with --within");
  }
}

TEST(TileExport, RequestsAreChecked) {
  const auto& registry = test_support::fixture_registry();
  layers::TileExportRequest r;
  r.layers = {layers::TileLayer::communes};
  r.maxzoom = 10;
  EXPECT_NO_THROW(layers::check_tile_export(registry, r));
  auto message = [&](const layers::TileExportRequest& bad) -> std::string {
    try {
      layers::check_tile_export(registry, bad);
    } catch (const DomainError& e) {
      EXPECT_EQ(e.fault, layers::Fault::invalid);
      return e.what();
    }
    return "accepted";
  };
  auto bad = r;
  bad.layers.clear();
  EXPECT_EQ(message(bad), "--layers names no tile layer");
  bad = r;
  bad.maxzoom = 15;
  EXPECT_EQ(message(bad), "the zoom range must lie within 0..14 with --minzoom <= --maxzoom, not 0..15");
  bad = r;
  bad.minzoom = 11;
  EXPECT_EQ(message(bad), "the zoom range must lie within 0..14 with --minzoom <= --maxzoom, not 11..10");
  bad = r;
  bad.within = "08";
  EXPECT_EQ(message(bad), "accepted");
  bad.within = "16101";  // a commune will do, by its 2018 code
  EXPECT_EQ(message(bad), "accepted");
  bad.within = "99";
  EXPECT_EQ(message(bad), "--within: no unit with code '99' in the 2018 division (a region, province or commune code)");
  bad.within = "12202";
  EXPECT_EQ(message(bad), "--within: unit 12202 has no boundary to export");
  EXPECT_EQ(layers::parse_package_format("pmtiles"), layers::PackageFormat::pmtiles);
  EXPECT_FALSE(layers::parse_package_format("PMTiles"));
}

TEST(PackageStyle, TheMapsChoroplethOverThePackage) {
  const auto s = layers::package_style(layers::TileLayer::communes, "pmtiles://communes.pmtiles");
  EXPECT_EQ(s["sources"]["territorio"]["url"], "pmtiles://communes.pmtiles");
  // The server's default style of communes (initiatives per unit), over the package.
  auto served = layers::maplibre_style(*layers::find_choropleth_style(layers::TileLayer::communes, "initiatives"),
                                       "http://h:1");
  EXPECT_EQ(s["layers"], served["layers"]);
  EXPECT_EQ(s["layers"][1]["paint"]["fill-color"],
            nlohmann::json::parse(R"(["step", ["to-number", ["get", "initiatives"], 0], "#e0e0e0", 1.0, "#c7e9b4",
                                     2.0, "#7fcdbb", 3.0, "#41b6c4", 5.0, "#1d91c0", 10.0, "#0c2c84"])"));
  EXPECT_EQ(s["layers"][2]["type"], "line");
  EXPECT_EQ(layers::package_style(layers::TileLayer::census_zones, "mbtiles://c.mbtiles")["metadata"]["territorio:style"],
            "population");
  const auto i = layers::package_style(layers::TileLayer::initiatives, "mbtiles://initiatives.mbtiles");
  std::vector<std::string> ids;
  for (const auto& l : i["layers"]) ids.push_back(l["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"background", "initiative_footprints", "initiative_footprints-outline",
                                           "initiatives"}));
}

}  // namespace
