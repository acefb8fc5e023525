// Map (PNG) tiles at their OGC API - Tiles addresses in both tile matrix
// sets, and the tilesets of the collections that had none (both 2007
// levels, census zones), served by a real server.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "geo/raster/raster_canvas.h"
#include "geo/tile_crs84.h"
#include "geo/tile_math.h"
#include "layers/tiles/census_tiles.h"
#include "layers/tiles/tiles_palette.h"
#include "tests/support/http_client.h"
#include "tests/support/mvt_decode.h"
#include "tests/support/server_process.h"

using nlohmann::json;
using test_support::HttpClient;
using test_support::ServerProcess;

namespace {

ServerProcess& server() {
  static ServerProcess s(TERRITORIO_TEST_STORE);
  return s;
}

// The centre of XYZ tile 14/4976/9809, inside Santiago centro (13101, 3 initiatives).
void santiago(double& lon, double& lat) {
  const geo::Envelope b = geo::tile_bounds({14, 4976, 9809});
  geo::mercator_to_lonlat((b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2, lon, lat);
}

TEST(OgcMapTiles, WebMercatorQuadTileIsTheXyzTile) {
  HttpClient c;
  const auto ogc = c.get(server().url("/collections/communes/map/tiles/WebMercatorQuad/14/9809/4976?measure=initiatives"));
  const auto xyz = c.get(server().url("/tiles/communes/14/4976/9809.png?measure=initiatives"));
  ASSERT_EQ(ogc.status, 200);
  EXPECT_EQ(ogc.headers.at("content-type"), "image/png");
  EXPECT_EQ(ogc.body, xyz.body);
  // The same caching policy: an ETag, and 304 when the client has it.
  const std::string etag = ogc.headers.at("etag");
  const auto again = c.get(server().url("/collections/communes/map/tiles/WebMercatorQuad/14/9809/4976?measure=initiatives"),
                           {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(ogc.headers.at("cache-control"), xyz.headers.at("cache-control"));
}

TEST(OgcMapTiles, WorldCrs84QuadTileColoursSantiagoByItsClass) {
  HttpClient c;
  double lon, lat;
  santiago(lon, lat);
  const int z = 13;
  const geo::TileRange r = geo::crs84_tiles_covering({lon, lat, lon, lat}, z);
  const auto png = c.get(server().url("/collections/communes/map/tiles/WorldCRS84Quad/" + std::to_string(z) + "/" +
                                      std::to_string(r.min_y) + "/" + std::to_string(r.min_x)));
  ASSERT_EQ(png.status, 200);
  const geo::RgbaImage img = geo::decode_png(png.body);
  ASSERT_EQ(img.width, 256);
  const geo::Envelope b = geo::crs84_tile_bounds({z, r.min_x, r.min_y});
  const int px = static_cast<int>((lon - b.min_x) / geo::crs84_cell_degrees(z));
  const int py = static_cast<int>((b.max_y - lat) / geo::crs84_cell_degrees(z));
  EXPECT_EQ(img.at(px, py), layers::palette(layers::Measure::initiatives)[3].colour);
  // Out of the matrix, or a matrix past the last: 400; no such set: 404.
  EXPECT_EQ(c.get(server().url("/collections/communes/map/tiles/WorldCRS84Quad/0/1/0")).status, 400);
  EXPECT_EQ(c.get(server().url("/collections/communes/map/tiles/WorldCRS84Quad/0/0/1")).status, 200);
  EXPECT_EQ(c.get(server().url("/collections/communes/map/tiles/WorldCRS84Quad/16/0/0")).status, 400);
  EXPECT_EQ(c.get(server().url("/collections/communes/map/tiles/WebMercatorQuad/16/0/0")).status, 200);
  EXPECT_EQ(c.get(server().url("/collections/communes/map/tiles/EuropeanETRS89_LAEAQuad/0/0/0")).status, 404);
  EXPECT_EQ(c.get(server().url("/collections/territorio/map/tiles/WorldCRS84Quad/0/0/0")).status, 404);
  EXPECT_EQ(c.get(server().url("/collections/communes/map/tiles/WorldCRS84Quad/0/0/0?f=jpeg")).status, 400);
  EXPECT_EQ(c.get(server().url("/collections/communes/map/tiles/WorldCRS84Quad/0/0/0?zoom=3")).status, 400);
}

TEST(OgcMapTiles, CensusZonesAreDiscsOfTheirPopulationClass) {
  HttpClient c;
  const json first = json::parse(c.get(server().url("/collections/census-zones/items?limit=1")).body)["features"][0];
  const double lon = first["geometry"]["coordinates"][0], lat = first["geometry"]["coordinates"][1];
  const std::int64_t population = first["properties"]["population"];
  const int z = 12;
  const geo::TileRange r = geo::crs84_tiles_covering({lon, lat, lon, lat}, z);
  const auto png = c.get(server().url("/collections/census-zones/map/tiles/WorldCRS84Quad/" + std::to_string(z) + "/" +
                                      std::to_string(r.min_y) + "/" + std::to_string(r.min_x)));
  ASSERT_EQ(png.status, 200);
  const geo::RgbaImage img = geo::decode_png(png.body);
  const geo::Envelope b = geo::crs84_tile_bounds({z, r.min_x, r.min_y});
  const int px = static_cast<int>((lon - b.min_x) / geo::crs84_cell_degrees(z));
  const int py = static_cast<int>((b.max_y - lat) / geo::crs84_cell_degrees(z));
  EXPECT_EQ(img.at(px, py), layers::census_palette()[layers::census_class_of(population)].colour);
  EXPECT_EQ(img.at(0, 0).a, 0) << "no disc in the corner";
  // Census zones have one colour scheme and no coverage: no measure, filter or division.
  for (const char* q : {"?measure=covered", "?area=Social", "?division=2007"})
    EXPECT_EQ(c.get(server().url(std::string("/tiles/census-zones/12/0/0.png") + q)).status, 400) << q;
}

TEST(OgcMapTiles, VectorTilesOfTheNewTilesets) {
  HttpClient c;
  struct Case {
    const char* id;
    std::size_t features;
  };
  // Tile z5 x9 y19 (Santiago and the centre-south).
  for (const Case& k : {Case{"regions-2007", 9}, Case{"provinces-2007", 31}, Case{"census-zones", 4069}}) {
    const auto t = c.get(server().url(std::string("/collections/") + k.id + "/tiles/WebMercatorQuad/5/19/9"));
    ASSERT_EQ(t.status, 200) << k.id;
    const auto layers = tiles_test::decode_tile(t.body);
    ASSERT_EQ(layers.size(), 1u) << k.id;
    EXPECT_EQ(layers[0].name, k.id);
    EXPECT_EQ(layers[0].features.size(), k.features) << k.id;
    EXPECT_EQ(t.body, c.get(server().url(std::string("/tiles/") + k.id + "/5/9/19.mvt")).body) << k.id;
  }
  // regions-2007 is the 2007 division whatever the request says; 2018 is refused.
  EXPECT_EQ(c.get(server().url("/tiles/regions-2007/5/9/19.mvt?division=2007")).status, 200);
  EXPECT_EQ(c.get(server().url("/tiles/regions-2007/5/9/19.mvt?division=2018")).status, 400);
  // The 2007 regions are the 2018 ones of division=2007, under another layer name.
  const auto a = tiles_test::decode_tile(c.get(server().url("/tiles/regions-2007/5/9/19.mvt")).body);
  const auto b = tiles_test::decode_tile(c.get(server().url("/tiles/regions/5/9/19.mvt?division=2007")).body);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].features.size(), b[0].features.size());
  const json meta = json::parse(c.get(server().url("/tiles/census-zones.json")).body);
  EXPECT_EQ(meta["vector_layers"][0]["id"], "census-zones");
  EXPECT_EQ(meta["vector_layers"][0]["fields"].size(), 4u);
}

TEST(OgcMapTiles, CollectionsAndLandingPageLinkTheirTilesets) {
  HttpClient c;
  for (const char* id : {"regions", "provinces", "communes", "regions-2007", "provinces-2007", "census-zones", "initiatives"}) {
    const json col = json::parse(c.get(server().url(std::string("/collections/") + id)).body);
    std::string vector, map;
    for (const auto& l : col["links"]) {
      if (l["rel"] == "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector") {
        vector = l["href"];
        EXPECT_FALSE(l.contains("type")) << id;  // see server/routes/features.cc
      }
      if (l["rel"] == "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map") {
        map = l["href"];
        EXPECT_EQ(l["type"], "application/json");
      }
    }
    EXPECT_EQ(vector, server().url(std::string("/collections/") + id + "/tiles")) << id;
    EXPECT_EQ(map, server().url(std::string("/collections/") + id + "/map/tiles")) << id;
    EXPECT_EQ(c.get(vector).status, 200) << id;
  }
  const json landing = json::parse(c.get(server().url("/")).body);
  std::size_t vector = 0, map = 0;
  std::string schemes;
  for (const auto& l : landing["links"]) {
    vector += l["rel"] == "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    map += l["rel"] == "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map";
    if (l["rel"] == "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes") schemes = l["href"];
  }
  EXPECT_EQ(vector, 7u);
  EXPECT_EQ(map, 7u);
  ASSERT_EQ(schemes, server().url("/tileMatrixSets"));
  const json sets = json::parse(c.get(schemes).body);
  ASSERT_EQ(sets["tileMatrixSets"].size(), 2u);
  for (const auto& s : sets["tileMatrixSets"])
    EXPECT_EQ(c.get(s["links"][0]["href"].get<std::string>()).status, 200) << s["id"];
  EXPECT_EQ(c.get(server().url("/tileMatrixSets/Nowhere")).status, 404);
  // The map tileset GDAL 3.6 opens, with its limits and bounding box.
  const json t = json::parse(c.get(server().url("/collections/census-zones/map/tiles/WorldCRS84Quad")).body);
  EXPECT_EQ(t["dataType"], "map");
  EXPECT_EQ(t["tileMatrixSetLimits"].size(), 16u);
  EXPECT_EQ(t["boundingBox"]["crs"], "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
}

}  // namespace
