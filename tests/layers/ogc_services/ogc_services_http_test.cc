// WMS 1.3.0 and WMTS 1.0.0 end to end against the real binary: capabilities
// as XML, GetTile KVP == REST == the OGC API map tile, GetMap == the tile at
// its box, GetMap pixels in EPSG:4326 (latitude first), CRS:84, EPSG:32718
// and EPSG:32719, GetFeatureInfo against /coverage, the legend, every bad
// parameter as its OGC exception, and GDAL's WMS and WMTS drivers.
#include <gtest/gtest.h>

#include <cpl_minixml.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/proj/proj_transform.h"
#include "geo/raster/raster_canvas.h"
#include "geo/tile_crs84.h"
#include "geo/tile_math.h"
#include "layers/coverage/coverage.h"
#include "layers/ogc_services/legend_graphic.h"
#include "layers/styles/choropleth.h"
#include "layers/tiles/tiles_palette.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

using nlohmann::json;
using test_support::HttpClient;
using test_support::ServerProcess;

namespace {

ServerProcess& server() {
  static ServerProcess s(TERRITORIO_TEST_STORE);
  return s;
}

// Plaza de Armas, inside Santiago (13101); a point in Argentina.
constexpr double kSantiagoLon = -70.6506, kSantiagoLat = -33.4378;
constexpr double kArgentinaLon = -65.0, kArgentinaLat = -34.0;

// The XYZ tile of zoom z holding a point.
geo::TileId tile_at(double lon, double lat, int z) {
  const geo::TileRange r = geo::tiles_covering(geo::Envelope{lon, lat, lon, lat}, z);
  return geo::TileId{z, r.min_x, r.min_y};
}

using Xml = std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)>;
Xml parse(const std::string& text) { return Xml(CPLParseXMLString(text.c_str()), &CPLDestroyXMLNode); }

std::vector<const CPLXMLNode*> children(const CPLXMLNode* parent, const char* name) {
  std::vector<const CPLXMLNode*> out;
  for (const CPLXMLNode* c = parent ? parent->psChild : nullptr; c; c = c->psNext)
    if (c->eType == CXT_Element && std::string(c->pszValue) == name) out.push_back(c);
  return out;
}

std::string wms(const std::string& query) { return server().url("/wms?SERVICE=WMS&VERSION=1.3.0&" + query); }

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

json coverage_of(const std::string& level, const std::string& code) {
  HttpClient c;
  const auto r = c.get(server().url("/coverage?level=" + level));
  const json doc = json::parse(r.body);
  for (const json& u : doc["units"])
    if (u["code"] == code) return u;
  return nullptr;
}

// The colour the map gives a unit of /coverage under a measure.
geo::Rgba class_colour(const json& unit, layers::Measure m) {
  const auto total = unit["total"].get<std::int64_t>();
  layers::UnitStats s{total,
                      std::round(layers::per_100k(static_cast<std::size_t>(total), unit["population"].get<std::int64_t>()) * 1000) / 1000,
                      total > 0};
  return layers::palette(m)[layers::class_of(m, s)].colour;
}

TEST(WmsHttp, CapabilitiesListLayersCrssStylesAndLimits) {
  HttpClient c;
  const auto r = c.get(server().url("/wms?SERVICE=WMS&REQUEST=GetCapabilities"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-type"), "text/xml; charset=utf-8");
  const Xml xml = parse(r.body);
  ASSERT_TRUE(xml);
  const CPLXMLNode* root = CPLGetXMLNode(xml.get(), "=WMS_Capabilities");
  ASSERT_TRUE(root);
  EXPECT_STREQ(CPLGetXMLValue(root, "version", ""), "1.3.0");
  EXPECT_STREQ(CPLGetXMLValue(root, "Service.MaxWidth", ""), "4096");
  EXPECT_STREQ(CPLGetXMLValue(root, "Service.MaxHeight", ""), "4096");
  for (const char* op : {"GetCapabilities", "GetMap", "GetFeatureInfo", "sld:GetLegendGraphic"})
    EXPECT_TRUE(CPLGetXMLNode(root, (std::string("Capability.Request.") + op).c_str())) << op;
  const CPLXMLNode* top = CPLGetXMLNode(root, "Capability.Layer");
  std::vector<std::string> crss;
  for (const CPLXMLNode* n : children(top, "CRS")) crss.push_back(CPLGetXMLValue(n, nullptr, ""));
  EXPECT_EQ(crss, (std::vector<std::string>{"EPSG:3857", "EPSG:4326", "CRS:84", "EPSG:32718", "EPSG:32719"}));
  std::vector<std::string> names;
  for (const CPLXMLNode* l : children(top, "Layer")) {
    names.push_back(CPLGetXMLValue(l, "Name", ""));
    EXPECT_STREQ(CPLGetXMLValue(l, "queryable", ""), "1");
    std::vector<std::string> styles;
    for (const CPLXMLNode* s : children(l, "Style")) {
      styles.push_back(CPLGetXMLValue(s, "Name", ""));
      const std::string legend = CPLGetXMLValue(s, "LegendURL.OnlineResource.xlink:href", "");
      EXPECT_NE(legend.find("REQUEST=GetLegendGraphic"), std::string::npos) << legend;
      // The advertised size is the legend's.
      const auto png = c.get(legend);
      ASSERT_EQ(png.status, 200) << legend;
      const geo::RgbaImage img = geo::decode_png(png.body);
      EXPECT_EQ(std::to_string(img.width), CPLGetXMLValue(s, "LegendURL.width", ""));
      EXPECT_EQ(std::to_string(img.height), CPLGetXMLValue(s, "LegendURL.height", ""));
    }
    EXPECT_EQ(styles, (std::vector<std::string>{"initiatives", "per_100k", "covered"}));
    // EPSG:4326 boxes are latitude first.
    for (const CPLXMLNode* b : children(l, "BoundingBox"))
      if (std::string(CPLGetXMLValue(b, "CRS", "")) == "EPSG:4326") {
        EXPECT_LT(std::stod(CPLGetXMLValue(b, "minx", "0")), -50);
        EXPECT_LT(std::stod(CPLGetXMLValue(b, "miny", "0")), -100);
      }
  }
  EXPECT_EQ(names, (std::vector<std::string>{"regions", "provinces", "communes", "regions-2007", "provinces-2007"}));
  // Any VERSION asked for is answered with 1.3.0, the only one served.
  EXPECT_EQ(c.get(server().url("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.1.1")).body, r.body);
}

TEST(WmtsHttp, CapabilitiesKvpAndRestListLayersAndTileMatrixSets) {
  HttpClient c;
  const auto kvp = c.get(server().url("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"));
  const auto rest = c.get(server().url("/wmts/1.0.0/WMTSCapabilities.xml"));
  ASSERT_EQ(kvp.status, 200);
  ASSERT_EQ(rest.status, 200);
  EXPECT_EQ(kvp.body, rest.body);
  EXPECT_EQ(rest.headers.at("content-type"), "application/xml; charset=utf-8");
  const Xml xml = parse(rest.body);
  const CPLXMLNode* contents = CPLGetXMLNode(xml.get(), "=Capabilities.Contents");
  ASSERT_TRUE(contents);
  std::vector<std::string> layers;
  for (const CPLXMLNode* l : children(contents, "Layer")) {
    layers.push_back(CPLGetXMLValue(l, "ows:Identifier", ""));
    EXPECT_STREQ(CPLGetXMLValue(l, "Format", ""), "image/png");
    EXPECT_EQ(children(l, "TileMatrixSetLink").size(), 2u);
    EXPECT_STREQ(CPLGetXMLValue(l, "ResourceURL.resourceType", ""), "tile");
  }
  EXPECT_EQ(layers, (std::vector<std::string>{"regions", "provinces", "communes", "initiatives", "regions-2007",
                                              "provinces-2007", "census-zones"}));
  const auto sets = children(contents, "TileMatrixSet");
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_STREQ(CPLGetXMLValue(sets[0], "ows:Identifier", ""), "WebMercatorQuad");
  EXPECT_STREQ(CPLGetXMLValue(sets[0], "WellKnownScaleSet", ""), "urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible");
  EXPECT_EQ(children(sets[0], "TileMatrix").size(), 17u);
  EXPECT_STREQ(CPLGetXMLValue(sets[1], "ows:Identifier", ""), "WorldCRS84Quad");
  EXPECT_STREQ(CPLGetXMLValue(sets[1], "ows:SupportedCRS", ""), "urn:ogc:def:crs:OGC:1.3:CRS84");
  // Matrix 0 of GoogleMapsCompatible: scale 1:559082264.0287178.
  EXPECT_NEAR(std::stod(CPLGetXMLValue(children(sets[0], "TileMatrix")[0], "ScaleDenominator", "0")), 559082264.0287178, 1e-6);
}

TEST(WmtsHttp, GetTileKvpEqualsRestEqualsTheMapTile) {
  HttpClient c;
  struct Case {
    const char* tms;
    geo::TileId tile;  // z, column, row
  };
  const int z = 13;
  const double deg = 180.0 / (1 << z);
  const Case cases[] = {
      {"WebMercatorQuad", tile_at(kSantiagoLon, kSantiagoLat, 14)},
      {"WorldCRS84Quad",
       {z, static_cast<std::uint32_t>((kSantiagoLon + 180) / deg), static_cast<std::uint32_t>((90 - kSantiagoLat) / deg)}}};
  for (const Case& k : cases)
    for (const char* style : {"initiatives", "per_100k"})
      for (const char* filter : {"", "&year=1900"}) {
        const std::string z_s = std::to_string(k.tile.z), row = std::to_string(k.tile.y), col = std::to_string(k.tile.x);
        const auto ogc = c.get(server().url("/collections/communes/map/tiles/" + std::string(k.tms) + "/" + z_s + "/" + row +
                                            "/" + col + "?measure=" + style + filter));
        const auto kvp = c.get(server().url("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=communes&STYLE=" +
                                            std::string(style) + "&FORMAT=image/png&TILEMATRIXSET=" + k.tms +
                                            "&TILEMATRIX=" + z_s + "&TILEROW=" + row + "&TILECOL=" + col + filter));
        const auto rest = c.get(server().url("/wmts/1.0.0/communes/" + std::string(style) + "/" + k.tms + "/" + z_s + "/" +
                                             row + "/" + col + ".png" + (*filter ? "?" + std::string(filter + 1) : "")));
        ASSERT_EQ(ogc.status, 200);
        ASSERT_EQ(kvp.status, 200) << kvp.body;
        ASSERT_EQ(rest.status, 200) << rest.body;
        EXPECT_EQ(kvp.headers.at("content-type"), "image/png");
        EXPECT_EQ(kvp.body, ogc.body) << k.tms << " " << style << filter;
        EXPECT_EQ(rest.body, ogc.body) << k.tms << " " << style << filter;
      }
}

TEST(WmsHttp, GetMapAtATileBoxIsThatTile) {
  HttpClient c;
  const geo::TileId t = tile_at(kSantiagoLon, kSantiagoLat, 14);
  const geo::Envelope b = geo::tile_bounds(t);
  for (const char* style : {"initiatives", "per_100k", "covered"}) {
    const auto tile = c.get(server().url("/tiles/communes/14/" + std::to_string(t.x) + "/" + std::to_string(t.y) +
                                         ".png?measure=" + style));
    const auto map = c.get(wms("REQUEST=GetMap&LAYERS=communes&STYLES=" + std::string(style) +
                               "&CRS=EPSG:3857&BBOX=" + number(b.min_x) + "," + number(b.min_y) + "," + number(b.max_x) +
                               "," + number(b.max_y) + "&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE"));
    ASSERT_EQ(map.status, 200) << map.body;
    EXPECT_EQ(map.headers.at("content-type"), "image/png");
    EXPECT_EQ(map.body, tile.body) << style;
  }
}

TEST(WmsHttp, GetMapInEpsg4326IsLatitudeFirstAndEqualsCrs84) {
  HttpClient c;
  const json santiago = coverage_of("commune", "13101");
  ASSERT_FALSE(santiago.is_null());
  // 1000 pixels per degree: Plaza de Armas at pixel (249, 237).
  const auto lat_first = c.get(wms("REQUEST=GetMap&LAYERS=communes&STYLES=per_100k&CRS=EPSG:4326"
                                   "&BBOX=-33.7,-70.9,-33.2,-70.4&WIDTH=500&HEIGHT=500&FORMAT=image/png&TRANSPARENT=TRUE"));
  const auto lon_first = c.get(wms("REQUEST=GetMap&LAYERS=communes&STYLES=per_100k&CRS=CRS:84"
                                   "&BBOX=-70.9,-33.7,-70.4,-33.2&WIDTH=500&HEIGHT=500&FORMAT=image/png&TRANSPARENT=TRUE"));
  ASSERT_EQ(lat_first.status, 200) << lat_first.body;
  EXPECT_EQ(lat_first.body, lon_first.body);
  const geo::RgbaImage img = geo::decode_png(lat_first.body);
  ASSERT_EQ(img.width, 500);
  EXPECT_EQ(img.at(static_cast<int>((kSantiagoLon + 70.9) * 1000), static_cast<int>((-33.2 - kSantiagoLat) * 1000)),
            class_colour(santiago, layers::Measure::per_100k));
  // Out of the country (the Pacific at the left edge): transparent.
  const auto sea = c.get(wms("REQUEST=GetMap&LAYERS=communes&STYLES=per_100k&CRS=EPSG:4326"
                             "&BBOX=-34,-80,-33,-79&WIDTH=64&HEIGHT=64&FORMAT=image/png&TRANSPARENT=TRUE"));
  EXPECT_EQ(geo::decode_png(sea.body).at(32, 32).a, 0);
  // Not transparent: the background colour.
  const auto opaque = c.get(wms("REQUEST=GetMap&LAYERS=communes&CRS=EPSG:4326&BBOX=-34,-80,-33,-79&WIDTH=64&HEIGHT=64"
                                "&FORMAT=image/png&BGCOLOR=0x102030"));
  EXPECT_EQ(geo::decode_png(opaque.body).at(32, 32), (geo::Rgba{0x10, 0x20, 0x30, 255}));
}

TEST(WmsHttp, GetMapInUtmZones) {
  HttpClient c;
  const json santiago = coverage_of("commune", "13101");
  for (const char* crs : {"EPSG:32719", "EPSG:32718"}) {
    const geo::ProjTransform to_utm("OGC:CRS84", crs);
    for (const auto& [lon, lat, inside] : {std::tuple{kSantiagoLon, kSantiagoLat, true},
                                          std::tuple{kArgentinaLon, kArgentinaLat, false}}) {
      double x = lon, y = lat;
      to_utm.transform(x, y);
      // 100 m pixels, the point at pixel (200, 200).
      const std::string box = number(x - 20000) + "," + number(y - 20000) + "," + number(x + 20000) + "," + number(y + 20000);
      const auto r = c.get(wms("REQUEST=GetMap&LAYERS=communes&STYLES=per_100k&CRS=" + std::string(crs) + "&BBOX=" + box +
                               "&WIDTH=400&HEIGHT=400&FORMAT=image/png&TRANSPARENT=TRUE"));
      ASSERT_EQ(r.status, 200) << r.body;
      const geo::Rgba at = geo::decode_png(r.body).at(200, 200);
      if (inside)
        EXPECT_EQ(at, class_colour(santiago, layers::Measure::per_100k)) << crs;
      else
        EXPECT_EQ(at.a, 0) << crs;
    }
  }
}

TEST(WmsHttp, GetFeatureInfoGivesTheUnitAndItsCoverageFigures) {
  HttpClient c;
  const std::string map = "LAYERS=regions,communes&STYLES=covered,per_100k&CRS=EPSG:4326&BBOX=-33.7,-70.9,-33.2,-70.4"
                          "&WIDTH=500&HEIGHT=500&FORMAT=image/png";
  const auto r = c.get(wms("REQUEST=GetFeatureInfo&" + map + "&QUERY_LAYERS=communes,regions&INFO_FORMAT=application/json&I=249&J=237"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  const json fc = json::parse(r.body);
  EXPECT_EQ(fc["type"], "FeatureCollection");
  ASSERT_EQ(fc["features"].size(), 2u);
  const std::pair<const char*, const char*> expected[] = {{"commune", "13101"}, {"region", "13"}};
  for (std::size_t k = 0; k < 2; ++k) {
    const json& p = fc["features"][k]["properties"];
    const json cov = coverage_of(expected[k].first, expected[k].second);
    EXPECT_EQ(p["code"], expected[k].second);
    EXPECT_EQ(p["name"], cov["name"]);
    EXPECT_EQ(p["initiatives"], cov["total"]);
    EXPECT_EQ(p["per_100k"], cov["per_100k"]);
    EXPECT_EQ(p["covered"], cov["covered"]);
    EXPECT_EQ(p["population"], cov["population"]);
  }
  EXPECT_EQ(fc["features"][0]["properties"]["name"], "Santiago");
  const auto html = c.get(wms("REQUEST=GetFeatureInfo&" + map + "&QUERY_LAYERS=communes&INFO_FORMAT=text/html&I=249&J=237"));
  EXPECT_EQ(html.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(html.body.find("<caption>Santiago (13101)</caption>"), std::string::npos) << html.body;
  const auto text = c.get(wms("REQUEST=GetFeatureInfo&" + map + "&QUERY_LAYERS=communes&INFO_FORMAT=text/plain&I=249&J=237"));
  EXPECT_NE(text.body.find("  code = 13101\n"), std::string::npos) << text.body;
  // The sea: no unit.
  const auto sea = c.get(wms("REQUEST=GetFeatureInfo&LAYERS=communes&CRS=CRS:84&BBOX=-80,-34,-79,-33&WIDTH=10&HEIGHT=10"
                             "&QUERY_LAYERS=communes&INFO_FORMAT=application/json&I=5&J=5"));
  EXPECT_EQ(json::parse(sea.body)["features"].size(), 0u);
}

TEST(WmsHttp, LegendGraphicShowsEveryClassColour) {
  HttpClient c;
  for (const char* style : {"initiatives", "per_100k", "covered"}) {
    const auto r = c.get(wms("REQUEST=GetLegendGraphic&LAYER=communes&FORMAT=image/png&STYLE=" + std::string(style)));
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers.at("content-type"), "image/png");
    const geo::RgbaImage img = geo::decode_png(r.body);
    const auto& classes = layers::palette(*layers::parse_measure(style));
    EXPECT_EQ(img.height, 2 * layers::kLegendMargin + layers::kLegendRow * static_cast<int>(classes.size()));
    for (std::size_t k = 0; k < classes.size(); ++k)
      EXPECT_EQ(img.at(layers::kLegendMargin + layers::kLegendSwatch / 2,
                       layers::kLegendMargin + static_cast<int>(k) * layers::kLegendRow + layers::kLegendRow / 2),
                classes[k].colour)
          << style << " class " << k;
    // Text is drawn right of the swatches.
    int inked = 0;
    for (int y = 0; y < img.height; ++y)
      for (int x = layers::kLegendMargin + layers::kLegendSwatch + 4; x < img.width; ++x) inked += img.at(x, y).a > 0;
    EXPECT_GT(inked, 20) << style;
  }
  // The default style is the first.
  EXPECT_EQ(c.get(wms("REQUEST=GetLegendGraphic&LAYER=communes&FORMAT=image/png")).body,
            c.get(wms("REQUEST=GetLegendGraphic&LAYER=communes&FORMAT=image/png&STYLE=initiatives")).body);
}

// "code locator" of the report's first exception.
std::string exception_of(const std::string& body, bool wmts) {
  const Xml xml = parse(body);
  const CPLXMLNode* e = wmts ? CPLGetXMLNode(xml.get(), "=ows:ExceptionReport.ows:Exception")
                             : CPLGetXMLNode(xml.get(), "=ServiceExceptionReport.ServiceException");
  if (!e) return "not a report: " + body.substr(0, 200);
  return std::string(CPLGetXMLValue(e, wmts ? "exceptionCode" : "code", "")) + " " + CPLGetXMLValue(e, "locator", "");
}

TEST(WmsHttp, BadParametersAreExceptionReports) {
  HttpClient c;
  const std::string map = "REQUEST=GetMap&LAYERS=communes&STYLES=&CRS=EPSG:3857&BBOX=-8e6,-4e6,-7e6,-3e6&FORMAT=image/png";
  const std::string size = "&WIDTH=64&HEIGHT=64";
  const std::string info = "REQUEST=GetFeatureInfo&LAYERS=communes&CRS=EPSG:3857&BBOX=-8e6,-4e6,-7e6,-3e6&WIDTH=64&HEIGHT=64"
                           "&QUERY_LAYERS=communes&INFO_FORMAT=application/json";
  const std::pair<std::string, std::string> cases[] = {
      {"/wms?SERVICE=WMS", "MissingParameterValue REQUEST"},
      {"/wms?SERVICE=WMS&REQUEST=GetStyles", "OperationNotSupported REQUEST"},
      {"/wms?SERVICE=WFS&REQUEST=GetCapabilities", "InvalidParameterValue SERVICE"},
      {"/wms?REQUEST=GetCapabilities", "MissingParameterValue SERVICE"},
      {"/wms?SERVICE=WMS&REQUEST=GetCapabilities&FORMAT=image/png", "InvalidFormat FORMAT"},
      {"/wms?SERVICE=WMS&VERSION=1.1.1&" + map + size, "InvalidParameterValue VERSION"},
      {"/wms?SERVICE=WMS&" + map + size + "&CRS=EPSG:9999", "InvalidParameterValue CRS"},  // repeated
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=communes&CRS=EPSG:9999&BBOX=0,0,1,1&FORMAT=image/png" + size,
       "InvalidCRS CRS"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=nope&CRS=EPSG:3857&BBOX=0,0,1,1&FORMAT=image/png" + size,
       "LayerNotDefined LAYERS"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=initiatives&CRS=EPSG:3857&BBOX=0,0,1,1&FORMAT=image/png" + size,
       "LayerNotDefined LAYERS"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=communes&STYLES=nope&CRS=EPSG:3857&BBOX=0,0,1,1&FORMAT=image/png" +
           size,
       "StyleNotDefined STYLES"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=communes,regions&STYLES=per_100k&CRS=EPSG:3857&BBOX=0,0,1,1"
       "&FORMAT=image/png" + size,
       "StyleNotDefined STYLES"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=communes&CRS=EPSG:3857&BBOX=0,0,1,1&FORMAT=image/jpeg" + size,
       "InvalidFormat FORMAT"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=communes&CRS=EPSG:3857&BBOX=0,0,1,1" + size,
       "MissingParameterValue FORMAT"},
      {"/wms?SERVICE=WMS&" + map + "&WIDTH=4097&HEIGHT=64", "InvalidParameterValue WIDTH"},
      {"/wms?SERVICE=WMS&" + map + "&WIDTH=64&HEIGHT=0", "InvalidParameterValue HEIGHT"},
      {"/wms?SERVICE=WMS&" + map + "&WIDTH=6x4&HEIGHT=64", "InvalidParameterValue WIDTH"},
      {"/wms?SERVICE=WMS&" + map, "MissingParameterValue WIDTH"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=communes&CRS=EPSG:3857&BBOX=0,0,1&FORMAT=image/png" + size,
       "InvalidParameterValue BBOX"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=communes&CRS=EPSG:3857&BBOX=1,0,0,1&FORMAT=image/png" + size,
       "InvalidParameterValue BBOX"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=communes&CRS=EPSG:4326&BBOX=-100,0,-95,1&FORMAT=image/png" + size,
       "InvalidParameterValue BBOX"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=communes&CRS=EPSG:3857&BBOX=nan,0,1,1&FORMAT=image/png" + size,
       "InvalidParameterValue BBOX"},
      {"/wms?SERVICE=WMS&" + map + size + "&TRANSPARENT=yes", "InvalidParameterValue TRANSPARENT"},
      {"/wms?SERVICE=WMS&" + map + size + "&BGCOLOR=red", "InvalidParameterValue BGCOLOR"},
      {"/wms?SERVICE=WMS&" + map + size + "&EXCEPTIONS=INIMAGE", "InvalidParameterValue EXCEPTIONS"},
      {"/wms?SERVICE=WMS&" + map + size + "&FOO=1", "InvalidParameterValue FOO"},
      {"/wms?SERVICE=WMS&" + map + size + "&area=Nope", "InvalidParameterValue AREA"},
      {"/wms?SERVICE=WMS&" + map + size + "&division=1999", "InvalidParameterValue DIVISION"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&" + info + "&I=64&J=0", "InvalidPoint I"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&" + info + "&I=0&J=-1", "InvalidPoint J"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&" + info + "&I=0", "MissingParameterValue J"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&" + info + "&I=0&J=0&INFO_FORMAT=text/xml", "InvalidParameterValue INFO_FORMAT"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=communes&CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=64&HEIGHT=64"
       "&QUERY_LAYERS=communes&INFO_FORMAT=image/png&I=0&J=0",
       "InvalidFormat INFO_FORMAT"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=communes&CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=64&HEIGHT=64"
       "&QUERY_LAYERS=regions&INFO_FORMAT=text/plain&I=0&J=0",
       "LayerNotDefined QUERY_LAYERS"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=nope&FORMAT=image/png", "LayerNotDefined LAYER"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=initiatives&FORMAT=image/png", "LayerNotDefined LAYER"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=communes&STYLE=population&FORMAT=image/png",
       "StyleNotDefined STYLE"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=communes&FORMAT=image/gif", "InvalidFormat FORMAT"},
      {"/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&FORMAT=image/png", "MissingParameterValue LAYER"},
  };
  for (const auto& [path, expected] : cases) {
    const auto r = c.get(server().url(path));
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_EQ((r.headers.count("content-type") ? r.headers.at("content-type") : ""), "text/xml; charset=utf-8") << path;
    EXPECT_EQ(exception_of(r.body, false), expected) << path;
  }
}

TEST(WmtsHttp, BadParametersAreExceptionReports) {
  HttpClient c;
  const std::string tile = "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&FORMAT=image/png&STYLE=initiatives";
  struct Case {
    std::string path;
    long status;
    std::string expected;
  };
  const Case cases[] = {
      {"/wmts?REQUEST=GetCapabilities", 400, "MissingParameterValue SERVICE"},
      {"/wmts?SERVICE=WMTS&REQUEST=GetFeatureInfo", 400, "OperationNotSupported REQUEST"},
      {"/wmts?SERVICE=WMTS&REQUEST=GetCapabilities&FOO=1", 400, "InvalidParameterValue FOO"},
      {tile + "&LAYER=nope&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=0&TILEROW=0&TILECOL=0", 400, "InvalidParameterValue LAYER"},
      {tile + "&LAYER=communes&TILEMATRIXSET=nope&TILEMATRIX=0&TILEROW=0&TILECOL=0", 400,
       "InvalidParameterValue TILEMATRIXSET"},
      {tile + "&LAYER=communes&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=17&TILEROW=0&TILECOL=0", 400,
       "InvalidParameterValue TILEMATRIX"},
      {tile + "&LAYER=communes&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=1&TILEROW=2&TILECOL=0", 400, "TileOutOfRange TILEROW"},
      {tile + "&LAYER=communes&TILEMATRIXSET=WorldCRS84Quad&TILEMATRIX=0&TILEROW=0&TILECOL=2", 400, "TileOutOfRange TILECOL"},
      {tile + "&LAYER=communes&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=0&TILEROW=x&TILECOL=0", 400,
       "InvalidParameterValue TILEROW"},
      {tile + "&LAYER=communes&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=0&TILEROW=0", 400, "MissingParameterValue TILECOL"},
      {tile + "&LAYER=communes&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=0&TILEROW=0&TILECOL=0&year=nope", 400,
       "InvalidParameterValue YEAR"},
      {tile + "&LAYER=census-zones&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=0&TILEROW=0&TILECOL=0", 400,
       "InvalidParameterValue STYLE"},
      {"/wmts/1.0.0/nope/initiatives/WebMercatorQuad/0/0/0.png", 404, "InvalidParameterValue LAYER"},
      {"/wmts/1.0.0/communes/nope/WebMercatorQuad/0/0/0.png", 404, "InvalidParameterValue STYLE"},
      {"/wmts/1.0.0/communes/initiatives/nope/0/0/0.png", 404, "InvalidParameterValue TILEMATRIXSET"},
      {"/wmts/1.0.0/communes/initiatives/WebMercatorQuad/3/8/0.png", 400, "TileOutOfRange TILEROW"},
      {"/wmts/1.0.0/communes/initiatives/WebMercatorQuad/0/0/0.png?foo=1", 400, "InvalidParameterValue FOO"},
      {"/wmts/1.0.0/WMTSCapabilities.xml?foo=1", 400, "InvalidParameterValue FOO"},
  };
  for (const Case& k : cases) {
    const auto r = c.get(server().url(k.path));
    EXPECT_EQ(r.status, k.status) << k.path;
    EXPECT_EQ((r.headers.count("content-type") ? r.headers.at("content-type") : ""), "application/xml; charset=utf-8") << k.path;
    EXPECT_EQ(exception_of(r.body, true), k.expected) << k.path;
  }
}

// GDAL's WMS and WMTS drivers open the server and read real pixels.
TEST(GdalWms, GdalinfoListsTheLayers) {
  const auto r = test_support::run_command("gdalinfo \"WMS:" + server().url("/wms") + "\"");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* layer : {"regions", "provinces", "communes", "regions-2007", "provinces-2007"})
    EXPECT_NE(r.output.find(std::string("REQUEST=GetMap&LAYERS=") + layer + "&CRS="), std::string::npos) << layer;
}

TEST(GdalWmts, GdalinfoListsTheLayers) {
  const auto r = test_support::run_command("gdalinfo \"WMTS:" + server().url("/wmts/1.0.0/WMTSCapabilities.xml") + "\"");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* tms : {"WebMercatorQuad", "WorldCRS84Quad"})
    EXPECT_NE(r.output.find(std::string("layer=communes,tilematrixset=") + tms + ",style=per_100k"), std::string::npos) << tms;
  // One style: GDAL names none.
  EXPECT_NE(r.output.find("layer=census-zones,tilematrixset=WebMercatorQuad\n"), std::string::npos);
  EXPECT_NE(r.output.find("layer=initiatives,tilematrixset=WebMercatorQuad\n"), std::string::npos);
}

void expect_same_pixels(const std::string& gdal_png, const std::string& server_png) {
  std::ifstream in(gdal_png, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const geo::RgbaImage a = geo::decode_png(bytes), b = geo::decode_png(server_png);
  ASSERT_EQ(a.width, b.width);
  ASSERT_EQ(a.height, b.height);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) differ += !(a.pixels[i] == b.pixels[i]);
  EXPECT_EQ(differ, 0u);
  // Not an empty picture: Santiago's communes in more than one colour.
  std::size_t changes = 0;
  for (std::size_t i = 1; i < b.pixels.size(); ++i) changes += !(b.pixels[i] == b.pixels[i - 1]);
  EXPECT_GT(changes, 100u);
}

TEST(GdalWms, GdalTranslateFetchesTheServersPixels) {
  const std::string dir = ::testing::TempDir();
  const std::string xml = dir + "territorio_wms.xml", out = dir + "territorio_wms.png";
  std::remove(out.c_str());
  // 100 m pixels over Santiago, numbers GDAL prints exactly.
  std::ofstream(xml) << "<GDAL_WMS><Service name=\"WMS\"><Version>1.3.0</Version><ServerUrl>" << server().url("/wms?")
                     << "</ServerUrl><CRS>EPSG:3857</CRS><ImageFormat>image/png</ImageFormat><Layers>communes</Layers>"
                        "<Styles>per_100k</Styles><Transparent>FALSE</Transparent></Service><DataWindow>"
                        "<UpperLeftX>-7880000</UpperLeftX><UpperLeftY>-3940000</UpperLeftY><LowerRightX>-7854400</LowerRightX>"
                        "<LowerRightY>-3965600</LowerRightY><SizeX>256</SizeX><SizeY>256</SizeY></DataWindow>"
                        "<BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY><BandsCount>3</BandsCount>"
                        "<OverviewCount>0</OverviewCount></GDAL_WMS>";
  const auto r = test_support::run_command("gdal_translate -q -of PNG " + xml + " " + out);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  HttpClient c;
  const auto map = c.get(wms("REQUEST=GetMap&LAYERS=communes&STYLES=per_100k&CRS=EPSG:3857"
                             "&BBOX=-7880000,-3965600,-7854400,-3940000&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=FALSE"));
  expect_same_pixels(out, map.body);
}

TEST(GdalWmts, GdalTranslateOfATileIsThatTile) {
  const std::string out = ::testing::TempDir() + "territorio_wmts.png";
  std::remove(out.c_str());
  const geo::TileId t = tile_at(kSantiagoLon, kSantiagoLat, 14);
  // The whole matrix as the raster, so that pixel offsets are tile multiples.
  const auto r = test_support::run_command(
      "gdal_translate -q -of PNG -oo TILEMATRIX=14 -oo EXTENT_METHOD=TILE_MATRIX_SET"
      " -oo CLIP_EXTENT_WITH_MOST_PRECISE_TILE_MATRIX_LIMITS=NO -srcwin " +
      std::to_string(t.x * 256) + " " + std::to_string(t.y * 256) + " 256 256 \"WMTS:" +
      server().url("/wmts/1.0.0/WMTSCapabilities.xml") + ",layer=communes,tilematrixset=WebMercatorQuad,style=per_100k\" " + out);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  HttpClient c;
  const auto tile = c.get(server().url("/collections/communes/map/tiles/WebMercatorQuad/14/" + std::to_string(t.y) + "/" +
                                       std::to_string(t.x) + "?measure=per_100k"));
  expect_same_pixels(out, tile.body);
}

}  // namespace
