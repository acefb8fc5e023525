// The OGC API - Tiles documents (server/routes/tiles_documents.h): tile
// matrix sets readable both as TMS 2.0 and by GDAL 3.6, tileset limits and
// bounding boxes, exact where a client computes with them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/routes/tiles_documents.h"

namespace {

using nlohmann::json;
using layers::TileMatrixSet;
using server::routes::TilesetSubject;

const std::string kBase = "http://h";
// The communes' extent (CRS84), as the fixture publishes it.
const geo::Envelope kChile{-109.4538821, -55.98, -66.4186, -17.4977759};

TEST(TilesDocuments, WebMercatorQuadIsTms20WithTheMembersGdal36Reads) {
  const json d = server::routes::tile_matrix_set_document(TileMatrixSet::web_mercator_quad, kBase);
  EXPECT_EQ(d["tileMatrices"].size(), 17u);
  const double h = 20037508.342789244;
  const json m0 = {{"id", "0"},
                   {"identifier", "0"},
                   {"scaleDenominator", 559082264.0287178},
                   {"cellSize", 156543.03392804097},
                   {"cornerOfOrigin", "topLeft"},
                   {"pointOfOrigin", {-h, h}},
                   {"topLeftCorner", {-h, h}},
                   {"tileWidth", 256},
                   {"tileHeight", 256},
                   {"matrixWidth", 1},
                   {"matrixHeight", 1}};
  EXPECT_EQ(d["tileMatrices"][0], m0);
  EXPECT_EQ(d["tileMatrices"][16]["matrixWidth"], 65536);
  EXPECT_EQ(d["id"], "WebMercatorQuad");
  EXPECT_EQ(d["identifier"], "WebMercatorQuad");
  EXPECT_EQ(d["crs"], "http://www.opengis.net/def/crs/EPSG/0/3857");
  EXPECT_EQ(d["supportedCRS"], d["crs"]);
  EXPECT_EQ(d["uri"], "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
  EXPECT_EQ(d["orderedAxes"], json({"E", "N"}));
  const json bbox = {{"crs", "http://www.opengis.net/def/crs/EPSG/0/3857"},
                     {"lowerLeft", {-h, -h}},
                     {"upperRight", {h, h}},
                     {"lowerCorner", {-h, -h}},
                     {"upperCorner", {h, h}}};
  EXPECT_EQ(d["boundingBox"], bbox);
  // GDAL 3.6 parses a document only if its text names these members.
  const std::string text = d.dump();
  for (const char* member : {"\"identifier\"", "\"boundingBox\"", "\"tileMatrices\""})
    EXPECT_NE(text.find(member), std::string::npos) << member;
  EXPECT_EQ(d["links"][0]["href"], "http://h/tileMatrixSets/WebMercatorQuad");
}

TEST(TilesDocuments, WorldCrs84QuadMatchesTheRegisteredScales) {
  const json d = server::routes::tile_matrix_set_document(TileMatrixSet::world_crs84_quad, kBase);
  EXPECT_EQ(d["tileMatrices"].size(), 16u);
  EXPECT_EQ(d["crs"], "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
  EXPECT_EQ(d["orderedAxes"], json({"Lon", "Lat"}));
  const json& m0 = d["tileMatrices"][0];
  EXPECT_EQ(m0["cellSize"], 0.703125);
  EXPECT_NEAR(m0["scaleDenominator"].get<double>(), 279541132.0143588, 1e-6);
  EXPECT_EQ(m0["pointOfOrigin"], json({-180, 90}));
  EXPECT_EQ(m0["matrixWidth"], 2);
  EXPECT_EQ(m0["matrixHeight"], 1);
  EXPECT_EQ(d["tileMatrices"][15]["matrixWidth"], 65536);
  EXPECT_EQ(d["tileMatrices"][15]["matrixHeight"], 32768);
  // Each scale halves: GDAL rejects a series that does not decrease.
  for (std::size_t z = 1; z < d["tileMatrices"].size(); ++z)
    EXPECT_DOUBLE_EQ(d["tileMatrices"][z - 1]["scaleDenominator"].get<double>(),
                     2 * d["tileMatrices"][z]["scaleDenominator"].get<double>());
}

TEST(TilesDocuments, LimitsCoverTheExtentAndBoundingBoxRoundsOutwards) {
  const json limits = server::routes::tile_matrix_set_limits(TileMatrixSet::web_mercator_quad, kChile);
  ASSERT_EQ(limits.size(), 17u);
  EXPECT_EQ(limits[0], json({{"tileMatrix", "0"}, {"minTileRow", 0}, {"maxTileRow", 0}, {"minTileCol", 0}, {"maxTileCol", 0}}));
  EXPECT_EQ(limits[5], json({{"tileMatrix", "5"}, {"minTileRow", 17}, {"maxTileRow", 22}, {"minTileCol", 6}, {"maxTileCol", 10}}));
  const json crs84 = server::routes::tile_matrix_set_limits(TileMatrixSet::world_crs84_quad, kChile);
  ASSERT_EQ(crs84.size(), 16u);
  // Matrix 3: rows and columns of 22.5 degrees; 55.98 S is in row 6 (from 90 N), 109.45 W in column 3.
  EXPECT_EQ(crs84[3], json({{"tileMatrix", "3"}, {"minTileRow", 4}, {"maxTileRow", 6}, {"minTileCol", 3}, {"maxTileCol", 5}}));
  const json whole = server::routes::whole_tile_matrix_set_limits(TileMatrixSet::world_crs84_quad);
  EXPECT_EQ(whole[2], json({{"tileMatrix", "2"}, {"minTileRow", 0}, {"maxTileRow", 3}, {"minTileCol", 0}, {"maxTileCol", 7}}));
  const json bbox = {{"lowerLeft", {-109.453883, -55.98}},
                     {"upperRight", {-66.4186, -17.497775}},
                     {"crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}};
  EXPECT_EQ(server::routes::tileset_bounding_box(kChile), bbox);
}

TEST(TilesDocuments, TilesetsLinkTheirSchemeAndTiles) {
  const TilesetSubject s{"regions-2007", "Regions of Chile (2007 division)", layers::TileLayer::regions_2007, kChile};
  const json v = server::routes::vector_tileset(kBase, s);
  EXPECT_EQ(v["dataType"], "vector");
  EXPECT_EQ(v["crs"], "http://www.opengis.net/def/crs/EPSG/0/3857");
  EXPECT_EQ(v["layers"].size(), 1u);
  EXPECT_EQ(v["layers"][0]["id"], "regions-2007");
  EXPECT_EQ(v["layers"][0]["geometryDimension"], 2);
  EXPECT_EQ(v["tileMatrixSetLimits"].size(), 17u);
  EXPECT_EQ(v["boundingBox"], server::routes::tileset_bounding_box(kChile));
  json rels = json::object();
  for (const auto& l : v["links"]) rels[l["rel"].get<std::string>()] = l["href"];
  EXPECT_EQ(rels["self"], "http://h/collections/regions-2007/tiles/WebMercatorQuad");
  EXPECT_EQ(rels[server::routes::kTilingSchemeRel], "http://h/tileMatrixSets/WebMercatorQuad");
  EXPECT_EQ(rels["item"], "http://h/collections/regions-2007/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}");

  const json m = server::routes::map_tileset(kBase, s, TileMatrixSet::world_crs84_quad);
  EXPECT_EQ(m["dataType"], "map");
  EXPECT_EQ(m["crs"], "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
  EXPECT_EQ(m["tileMatrixSetLimits"], server::routes::whole_tile_matrix_set_limits(TileMatrixSet::world_crs84_quad));
  json item;
  for (const auto& l : m["links"])
    if (l["rel"] == "item") item = l;
  EXPECT_EQ(item, json({{"href", "http://h/collections/regions-2007/map/tiles/WorldCRS84Quad/{tileMatrix}/{tileRow}/{tileCol}"},
                        {"rel", "item"},
                        {"type", "image/png"},
                        {"templated", true},
                        {"title", "PNG map tiles"}}));
  const json list = server::routes::map_tilesets(kBase, s);
  ASSERT_EQ(list["tilesets"].size(), 2u);
  EXPECT_EQ(list["tilesets"][1]["links"][0]["href"], "http://h/collections/regions-2007/map/tiles/WorldCRS84Quad");
  EXPECT_EQ(list["tilesets"][1]["links"][0]["type"], "application/json");
}

}  // namespace
