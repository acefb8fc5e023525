// The style routes against the real binary: the collection links, the list,
// every style in every encoding at the address its link gives, the MapLibre
// style valid by the style specification's validator and its tile URL
// answering a vector tile, and bad input as JSON problems.
#include <gtest/gtest.h>

#include <cpl_minixml.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.h"
#include "tests/support/mvt_decode.h"
#include "tests/support/server_process.h"

namespace {

using nlohmann::json;
using test_support::HttpClient;
using test_support::ServerProcess;

constexpr const char* kStylesRel = "http://www.opengis.net/def/rel/ogc/1.0/styles";

ServerProcess& server() {
  static ServerProcess s(TERRITORIO_TEST_STORE);
  return s;
}

std::size_t count_links(const json& links, const std::string& rel) {
  std::size_t n = 0;
  for (const json& l : links) n += l["rel"] == rel;
  return n;
}

// The number of `child` elements under the element at `path` of an XML document.
std::size_t xml_count(const std::string& text, const char* path, const char* child) {
  CPLXMLNode* root = CPLParseXMLString(text.c_str());
  if (!root) return 0;
  std::size_t n = 0;
  for (const CPLXMLNode* c = CPLGetXMLNode(root, path) ? CPLGetXMLNode(root, path)->psChild : nullptr; c; c = c->psNext)
    n += c->eType == CXT_Element && std::string(c->pszValue) == child;
  CPLDestroyXMLNode(root);
  return n;
}

TEST(StylesHttp, CollectionsWithMapTilesLinkTheirStyles) {
  HttpClient c;
  for (const char* id : {"regions", "provinces", "communes", "regions-2007", "provinces-2007", "census-zones"}) {
    const auto r = c.get(server().url(std::string("/collections/") + id));
    ASSERT_EQ(r.status, 200) << id;
    const json links = json::parse(r.body)["links"];
    EXPECT_EQ(count_links(links, kStylesRel), 1u) << id;
    for (const json& l : links) {
      if (l["rel"] == kStylesRel) {
        EXPECT_EQ(l["href"], server().url(std::string("/collections/") + id + "/styles"));
      }
    }
  }
  const auto initiatives = c.get(server().url("/collections/initiatives"));
  EXPECT_EQ(count_links(json::parse(initiatives.body)["links"], kStylesRel), 0u);
}

TEST(StylesHttp, EveryStyleInEveryEncodingAtItsLink) {
  HttpClient c;
  const auto r = c.get(server().url("/collections/communes/styles"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  const json list = json::parse(r.body);
  EXPECT_EQ(list["default"], "initiatives");
  ASSERT_EQ(list["styles"].size(), 3u);
  std::size_t fetched = 0;
  for (const json& style : list["styles"]) {
    ASSERT_EQ(style["links"].size(), 3u);
    for (const json& l : style["links"]) {
      EXPECT_EQ(l["rel"], "stylesheet");
      const auto doc = c.get(l["href"].get<std::string>());
      ASSERT_EQ(doc.status, 200) << l["href"];
      EXPECT_EQ(doc.headers.at("content-type"), l["type"]) << l["href"];
      const std::string type = l["type"];
      if (type == "application/vnd.mapbox.style+json") {
        const json ml = json::parse(doc.body);
        EXPECT_EQ(ml["version"], 8);
        EXPECT_EQ(ml["layers"].size(), 3u);
        EXPECT_EQ(ml["layers"][1]["paint"]["fill-color"][1][1][1], style["id"]);
        // The style specification's own validator (MapLibre's, as web/ ships it).
        const std::string file = ::testing::TempDir() + "territorio_style_" + style["id"].get<std::string>() + ".json";
        std::ofstream(file) << doc.body;
        const auto v = test_support::run_command("node " TERRITORIO_DATA_DIR "/../tests/tools/validate-style.mjs " + file);
        EXPECT_EQ(v.exit_code, 0) << v.output;
        EXPECT_NE(v.output.find("valid MapLibre style"), std::string::npos) << v.output;
      } else if (type == "application/vnd.qgis.qml") {
        EXPECT_EQ(xml_count(doc.body, "=qgis.renderer-v2.ranges", "range"), style["id"] == "covered" ? 2u : 6u);
      } else {
        EXPECT_EQ(type, "application/vnd.ogc.sld+xml;version=1.1");
        EXPECT_EQ(xml_count(doc.body, "=StyledLayerDescriptor.NamedLayer.UserStyle.se:FeatureTypeStyle", "se:Rule"),
                  style["id"] == "covered" ? 2u : 6u);
      }
      ++fetched;
    }
  }
  EXPECT_EQ(fetched, 9u);
  // No f: the MapLibre style.
  const auto plain = c.get(server().url("/collections/census-zones/styles/population"));
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.headers.at("content-type"), "application/vnd.mapbox.style+json");
  EXPECT_EQ(json::parse(plain.body)["layers"][1]["type"], "circle");
  const std::string file = ::testing::TempDir() + "territorio_style_census.json";
  std::ofstream(file) << plain.body;
  EXPECT_EQ(test_support::run_command("node " TERRITORIO_DATA_DIR "/../tests/tools/validate-style.mjs " + file).exit_code, 0);
}

TEST(StylesHttp, MapLibreTileTemplateAnswersTheVectorTile) {
  HttpClient c;
  const auto r = c.get(server().url("/collections/communes/styles/per_100k?f=mapbox"));
  ASSERT_EQ(r.status, 200);
  const json style = json::parse(r.body);
  std::string url = style["sources"]["territorio"]["tiles"][0];
  EXPECT_EQ(url, server().url("/tiles/communes/{z}/{x}/{y}.mvt"));
  // Santiago centro (13101) fills tile 14/4976/9809.
  url.replace(url.find("{z}/{x}/{y}"), 11, "14/4976/9809");
  const auto tile = c.get(url);
  ASSERT_EQ(tile.status, 200);
  EXPECT_EQ(tile.headers.at("content-type"), "application/vnd.mapbox-vector-tile");
  const json decoded = tiles_test::tile_to_json(tile.body);
  const std::string layer = style["layers"][1]["source-layer"];
  ASSERT_TRUE(decoded.contains(layer));
  EXPECT_TRUE(decoded[layer]["features"][0]["properties"].contains("per_100k"));
}

// QML and SLD class the collection's items by initiatives + initiatives_enclosing:
// for every commune that sum is the total the tiles and /coverage class by.
TEST(StylesHttp, ItemsMeasureIsTheTilesMeasure) {
  HttpClient c;
  const auto items = c.get(server().url("/collections/communes/items?limit=1000"));
  const auto coverage = c.get(server().url("/coverage?level=commune"));
  ASSERT_EQ(items.status, 200);
  ASSERT_EQ(coverage.status, 200);
  std::map<std::string, std::int64_t> total;
  const json units = json::parse(coverage.body)["units"];
  for (const json& u : units) total[u["code"].get<std::string>()] = u["total"].get<std::int64_t>();
  ASSERT_EQ(total.size(), 346u);  // Antártica too, which has no boundary and no feature
  const json features = json::parse(items.body)["features"];
  ASSERT_EQ(features.size(), 345u);
  std::size_t covered = 0;
  for (const json& f : features) {
    const json& p = f["properties"];
    const std::int64_t sum = p["initiatives"].get<std::int64_t>() + p["initiatives_enclosing"].get<std::int64_t>();
    const std::string code = p["code"];
    ASSERT_TRUE(total.count(code)) << code;
    EXPECT_EQ(sum, total[code]) << code;
    covered += sum > 0;
  }
  EXPECT_GT(covered, 0u);
}

TEST(StylesHttp, BadInputIsAJsonProblem) {
  HttpClient c;
  const std::pair<const char*, long> cases[] = {
      {"/collections/initiatives/styles", 404},
      {"/collections/nowhere/styles", 404},
      {"/collections/nowhere/styles/initiatives", 404},
      {"/collections/communes/styles/height", 404},
      {"/collections/census-zones/styles/per_100k", 404},
      {"/collections/communes/styles/initiatives?f=png", 400},
      {"/collections/communes/styles/initiatives?colour=red", 400},
      {"/collections/communes/styles?f=xml", 400},
      {"/collections/communes/styles?style=x", 400},
  };
  for (const auto& [path, status] : cases) {
    const auto r = c.get(server().url(path));
    EXPECT_EQ(r.status, status) << path;
    EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type") : "", "application/problem+json") << path;
    EXPECT_TRUE(json::accept(r.body)) << path;
  }
}

}  // namespace
