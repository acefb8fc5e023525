// Map (PNG) tiles of the initiatives (layers/tiles/initiative_raster.h) at
// their XYZ and OGC API - Tiles addresses, served by a real server: a point
// of the vector tiles is a disc of the point colour on the map tile, a
// place without initiatives is transparent, filters select what is drawn,
// the caching and the refusals are those of every other map tile.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "geo/raster/raster_canvas.h"
#include "geo/tile_crs84.h"
#include "geo/tile_math.h"
#include "layers/tiles/initiative_raster.h"
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

// The first initiative point of the vector tile z5 x9 y19 (Santiago and the
// centre-south), in Web Mercator metres and in degrees: placed within a
// tile unit of zoom 5 (~300 m), then of the zoom 16 tile there (~1 cm).
struct Place {
  std::string id, area;
  double mx, my, lon, lat;
};

bool place_in(HttpClient& c, const geo::TileId& t, Place& p) {
  const json tile = tiles_test::tile_to_json(c.get(server().url("/tiles/initiatives/" + std::to_string(t.z) + "/" +
                                                                std::to_string(t.x) + "/" + std::to_string(t.y) + ".mvt"))
                                                 .body);
  for (const json& f : tile["initiatives"]["features"]) {
    if (!p.id.empty() && f["properties"]["id"] != p.id) continue;
    const geo::Envelope b = geo::tile_bounds(t);
    const double w = b.max_x - b.min_x;
    p.id = f["properties"]["id"];
    p.area = f["properties"]["area"];
    p.mx = b.min_x + f["geometry"][0][0][0].get<double>() / 4096 * w;
    p.my = b.max_y - f["geometry"][0][0][1].get<double>() / 4096 * w;
    geo::mercator_to_lonlat(p.mx, p.my, p.lon, p.lat);
    return true;
  }
  return false;
}

Place first_point(HttpClient& c) {
  Place p;
  EXPECT_TRUE(place_in(c, {5, 9, 19}, p));
  const geo::TileRange r = geo::tiles_covering({p.lon, p.lat, p.lon, p.lat}, 16);
  EXPECT_TRUE(place_in(c, {16, r.min_x, r.min_y}, p)) << p.id;
  return p;
}

bool transparent(const geo::RgbaImage& img) {
  for (const geo::Rgba& px : img.pixels)
    if (px.a != 0) return false;
  return true;
}

TEST(InitiativeMapTiles, APointIsADiscOfThePointColour) {
  HttpClient c;
  const Place p = first_point(c);
  const int z = 14;
  const geo::TileRange r = geo::tiles_covering({p.lon, p.lat, p.lon, p.lat}, z);
  const geo::TileId t{z, r.min_x, r.min_y};
  const std::string xyz = "/tiles/initiatives/" + std::to_string(z) + "/" + std::to_string(t.x) + "/" + std::to_string(t.y);
  const auto png = c.get(server().url(xyz + ".png"));
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.headers.at("content-type"), "image/png");
  // The OGC address (row, then column) serves the same bytes.
  const auto ogc = c.get(server().url("/collections/initiatives/map/tiles/WebMercatorQuad/" + std::to_string(z) + "/" +
                                      std::to_string(t.y) + "/" + std::to_string(t.x)));
  ASSERT_EQ(ogc.status, 200);
  EXPECT_EQ(ogc.body, png.body);
  const geo::Envelope b = geo::tile_bounds(t);
  const double w = b.max_x - b.min_x;
  for (int scale : {1, 2}) {
    const geo::RgbaImage img =
        geo::decode_png(scale == 1 ? png.body : c.get(server().url(xyz + "@2x.png")).body);
    ASSERT_EQ(img.width, 256 * scale);
    const int px = static_cast<int>((p.mx - b.min_x) / w * 256 * scale);
    const int py = static_cast<int>((b.max_y - p.my) / w * 256 * scale);
    EXPECT_EQ(img.at(px, py), layers::kInitiativeColour) << p.id << " @" << scale << "x";
  }
  // A filter that selects nothing leaves the tile transparent; one that
  // selects the initiative draws it.
  EXPECT_TRUE(transparent(geo::decode_png(c.get(server().url(xyz + ".png?year=1900")).body)));
  std::string area;
  for (unsigned char ch : p.area) {
    char hex[4];
    std::snprintf(hex, sizeof hex, "%%%02X", ch);
    area += std::isalnum(ch) ? std::string(1, static_cast<char>(ch)) : std::string(hex);
  }
  const auto own = c.get(server().url(xyz + ".png?area=" + area));
  ASSERT_EQ(own.status, 200);
  const geo::RgbaImage img = geo::decode_png(own.body);
  EXPECT_EQ(img.at(static_cast<int>((p.mx - b.min_x) / w * 256), static_cast<int>((b.max_y - p.my) / w * 256)),
            layers::kInitiativeColour);
}

TEST(InitiativeMapTiles, WorldCrs84QuadPlacesThePointToo) {
  HttpClient c;
  const Place p = first_point(c);
  const int z = 13;
  const geo::TileRange r = geo::crs84_tiles_covering({p.lon, p.lat, p.lon, p.lat}, z);
  const auto png = c.get(server().url("/collections/initiatives/map/tiles/WorldCRS84Quad/" + std::to_string(z) + "/" +
                                      std::to_string(r.min_y) + "/" + std::to_string(r.min_x)));
  ASSERT_EQ(png.status, 200);
  const geo::RgbaImage img = geo::decode_png(png.body);
  ASSERT_EQ(img.width, 256);
  const geo::Envelope b = geo::crs84_tile_bounds({z, r.min_x, r.min_y});
  const int px = static_cast<int>((p.lon - b.min_x) / geo::crs84_cell_degrees(z));
  const int py = static_cast<int>((b.max_y - p.lat) / geo::crs84_cell_degrees(z));
  EXPECT_EQ(img.at(px, py), layers::kInitiativeColour) << p.id;
}

TEST(InitiativeMapTiles, AFarAwayTileIsTransparent) {
  HttpClient c;
  for (const char* path : {"/collections/initiatives/map/tiles/WebMercatorQuad/5/0/0",
                           "/collections/initiatives/map/tiles/WorldCRS84Quad/5/0/0", "/tiles/initiatives/5/0/0.png"}) {
    const auto r = c.get(server().url(path));
    ASSERT_EQ(r.status, 200) << path;
    const geo::RgbaImage img = geo::decode_png(r.body);
    EXPECT_EQ(img.width, 256) << path;
    EXPECT_TRUE(transparent(img)) << path;
  }
}

TEST(InitiativeMapTiles, EtagAnd304LikeEveryMapTile) {
  HttpClient c;
  const std::string path = "/collections/initiatives/map/tiles/WebMercatorQuad/5/19/9";
  const auto first = c.get(server().url(path));
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.headers.at("etag");
  EXPECT_FALSE(etag.empty());
  EXPECT_EQ(c.get(server().url(path), {{"If-None-Match", etag}}).status, 304);
  // Another filter is another resource: not current for the first's ETag.
  const auto other = c.get(server().url(path + "?area=Social"), {{"If-None-Match", etag}});
  EXPECT_EQ(other.status, 200);
  EXPECT_NE(other.headers.at("etag"), etag);
  const auto communes = c.get(server().url("/collections/communes/map/tiles/WebMercatorQuad/5/19/9"));
  EXPECT_EQ(first.headers.at("cache-control"), communes.headers.at("cache-control"));
}

TEST(InitiativeMapTiles, BadAddressesAre400Or404) {
  HttpClient c;
  struct Case {
    const char* path;
    int status;
  };
  for (const Case& k : {Case{"/collections/initiatives/map/tiles/WebMercatorQuad/5/19/9?measure=covered", 400},
                        Case{"/tiles/initiatives/5/9/19.png?measure=initiatives", 400},
                        Case{"/collections/initiatives/map/tiles/WebMercatorQuad/17/0/0", 400},
                        Case{"/collections/initiatives/map/tiles/WebMercatorQuad/2/4/0", 400},
                        Case{"/collections/initiatives/map/tiles/WorldCRS84Quad/0/1/0", 400},
                        Case{"/collections/initiatives/map/tiles/WorldCRS84Quad/16/0/0", 400},
                        Case{"/collections/initiatives/map/tiles/WebMercatorQuad/x/0/0", 400},
                        Case{"/collections/initiatives/map/tiles/WebMercatorQuad/5/19/9?f=jpeg", 400},
                        Case{"/collections/initiatives/map/tiles/WebMercatorQuad/5/19/9?zoom=3", 400},
                        Case{"/collections/initiatives/map/tiles/WebMercatorQuad/5/19/9?year=soon", 400},
                        Case{"/tiles/initiatives/5/9/19@3x.png", 400},
                        Case{"/collections/initiatives/map/tiles/EuropeanETRS89_LAEAQuad/0/0/0", 404},
                        Case{"/collections/initiatives/map/tiles/EuropeanETRS89_LAEAQuad", 404},
                        Case{"/collections/territorio/map/tiles/WebMercatorQuad/0/0/0", 404},
                        Case{"/tiles/territorio/5/9/19.png", 404}}) {
    const auto r = c.get(server().url(k.path));
    EXPECT_EQ(r.status, k.status) << k.path;
    EXPECT_EQ(r.headers.at("content-type"), "application/problem+json") << k.path;
  }
}

TEST(InitiativeMapTiles, TilesetDocuments) {
  HttpClient c;
  const json list = json::parse(c.get(server().url("/collections/initiatives/map/tiles")).body);
  ASSERT_EQ(list["tilesets"].size(), 2u);
  for (const char* tms : {"WebMercatorQuad", "WorldCRS84Quad"}) {
    const std::string self = server().url(std::string("/collections/initiatives/map/tiles/") + tms);
    const auto r = c.get(self);
    ASSERT_EQ(r.status, 200) << tms;
    const json t = json::parse(r.body);
    EXPECT_EQ(t["dataType"], "map");
    EXPECT_EQ(t["tileMatrixSetLimits"].size(), std::string(tms) == "WebMercatorQuad" ? 17u : 16u) << tms;
    EXPECT_EQ(t["boundingBox"]["crs"], "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
    std::string templ;
    for (const auto& l : t["links"])
      if (l["rel"] == "item") templ = l["href"];
    EXPECT_EQ(templ, self + "/{tileMatrix}/{tileRow}/{tileCol}") << tms;
  }
  const json col = json::parse(c.get(server().url("/collections/initiatives")).body);
  std::string map;
  for (const auto& l : col["links"])
    if (l["rel"] == "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map") map = l["href"];
  EXPECT_EQ(map, server().url("/collections/initiatives/map/tiles"));
}

}  // namespace
