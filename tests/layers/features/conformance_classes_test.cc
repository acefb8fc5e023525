// Spec-driven conformance: every class /conformance declares is checked
// here requirement by requirement (SCOPED_TRACE names each requirement id
// of OGC API - Features Parts 1-4, CQL2 and OGC API - Tiles) against the
// real server on the fixture store, with exact codes, counts and bytes.
// A class declared without a test here fails EveryDeclaredClassIsChecked,
// so nothing is declared that the suite does not check.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/layers/edit/write_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace {

using nlohmann::json;
using test_support::HttpClient;
using test_support::HttpResult;

const std::string kFeatures1 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/";
const std::string kFeatures2 = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/";
const std::string kFeatures3 = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/";
const std::string kFeatures4 = "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/";
const std::string kCql2 = "http://www.opengis.net/spec/cql2/1.0/conf/";
const std::string kTiles = "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/";
const std::string kTms = "http://www.opengis.net/spec/tms/2.0/conf/";
// Part 5's classes, published under both identifiers (the text uses Common
// Part 3's): the same checks answer for both.
const std::string kFeatures5 = "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/";
const std::string kCommon3 = "http://www.opengis.net/spec/ogcapi-common-3/1.0/conf/";
const std::string kCrs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
const std::string kEpsg = "http://www.opengis.net/def/crs/EPSG/0/";

// The classes this file checks, one TEST each (named after the class).
const std::set<std::string> kChecked = {
    kFeatures1 + "core", kFeatures1 + "geojson", kFeatures1 + "html", kFeatures1 + "oas30",
    kFeatures2 + "crs",
    kFeatures3 + "queryables", kFeatures3 + "queryables-query-parameters", kFeatures3 + "filter",
    kFeatures3 + "features-filter",
    kFeatures4 + "create-replace-delete", kFeatures4 + "update",
    kCql2 + "cql2-text", kCql2 + "basic-cql2", kCql2 + "advanced-comparison-operators",
    kCql2 + "case-insensitive-comparison", kCql2 + "accent-insensitive-comparison",
    kCql2 + "basic-spatial-functions", kCql2 + "basic-spatial-functions-plus", kCql2 + "spatial-functions",
    kTiles + "core", kTiles + "tileset", kTiles + "tilesets-list", kTiles + "geodata-tilesets", kTiles + "mvt",
    kTiles + "png",
    kTms + "tilematrixset", kTms + "json-tilematrixset", kTms + "tilesetmetadata", kTms + "json-tilesetmetadata",
    kFeatures5 + "schemas", kFeatures5 + "advanced-property-roles", kFeatures5 + "returnables-and-receivables",
    kCommon3 + "schemas", kCommon3 + "advanced-property-roles", kCommon3 + "returnables-and-receivables",
};

const std::vector<std::string> kCollections = {"regions",          "provinces",   "communes",    "regions-2007",
                                               "provinces-2007",   "initiatives", "census-zones"};

test_support::ServerProcess& server() {
  static test_support::ServerProcess s(TERRITORIO_TEST_STORE);
  return s;
}

HttpResult get(const std::string& path, const test_support::HeaderList& headers = {}) {
  HttpClient c;
  return c.get(server().url(path), headers);
}

std::string header(const HttpResult& r, const std::string& name) {
  const auto it = r.headers.find(name);
  return it == r.headers.end() ? "" : it->second;
}

json get_json(const std::string& path, long status = 200) {
  const HttpResult r = get(path);
  EXPECT_EQ(r.status, status) << path << ": " << r.body.substr(0, 300);
  return json::parse(r.body, nullptr, false);
}

// A query value percent-encoded (everything but unreserved characters).
std::string enc(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// numberMatched of items of `collection` with the query `query` (already encoded).
long matched(const std::string& collection, const std::string& query) {
  const json page = get_json("/collections/" + collection + "/items?" + query);
  return page.is_object() && page.contains("numberMatched") ? page["numberMatched"].get<long>() : -1;
}

long filtered(const std::string& collection, const std::string& filter, const std::string& more = "") {
  return matched(collection, "limit=10000&filter=" + enc(filter) + more);
}

// The ids of the features a filter selects, in order.
std::vector<std::string> ids_of(const std::string& collection, const std::string& filter, const std::string& more = "") {
  const json page = get_json("/collections/" + collection + "/items?limit=10000&filter=" + enc(filter) + more);
  std::vector<std::string> out;
  for (const auto& f : page["features"]) out.push_back(f["id"]);
  return out;
}

// The answer is an RFC 7807 problem with this status (and this detail, if given).
void expect_problem(const std::string& path, long status, const std::string& detail = "") {
  const HttpResult r = get(path);
  EXPECT_EQ(r.status, status) << path << ": " << r.body;
  EXPECT_EQ(header(r, "content-type"), "application/problem+json") << path;
  const json p = json::parse(r.body, nullptr, false);
  ASSERT_TRUE(p.is_object()) << path;
  EXPECT_EQ(p["status"], status) << path;
  EXPECT_EQ(p["type"], "about:blank") << path;
  if (!detail.empty()) {
    EXPECT_EQ(p["detail"], detail) << path;
  }
}

std::string href(const json& links, const std::string& rel, const std::string& type = "") {
  for (const auto& l : links)
    if (l["rel"] == rel && (type.empty() || l.value("type", "") == type)) return l["href"];
  return "";
}

std::string path_of(const std::string& url) { return url.substr(url.find('/', url.find("//") + 2)); }

std::set<std::string> declared() {
  const json conf = get_json("/conformance");
  return {conf["conformsTo"].begin(), conf["conformsTo"].end()};
}

// Every position of a GeoJSON geometry, flattened to x, y pairs.
void positions(const json& coords, std::vector<std::pair<double, double>>& out) {
  if (coords.is_array() && coords.size() >= 2 && coords[0].is_number()) {
    out.emplace_back(coords[0].get<double>(), coords[1].get<double>());
    return;
  }
  for (const auto& c : coords) positions(c, out);
}

TEST(Conformance, EveryDeclaredClassIsChecked) {
  EXPECT_EQ(declared(), kChecked) << "declare a class only with its checks in this file";
}

// ---- OGC API - Features - Part 1: Core ------------------------------------

TEST(Conformance, Features1Core) {
  {
    SCOPED_TRACE("/req/core/root-op, /req/core/root-success");
    const json landing = get_json("/");
    EXPECT_EQ(path_of(href(landing["links"], "self")), "/");
    EXPECT_EQ(path_of(href(landing["links"], "service-desc")), "/api");
    EXPECT_EQ(path_of(href(landing["links"], "service-doc")), "/api?f=html");
    EXPECT_EQ(path_of(href(landing["links"], "conformance")), "/conformance");
    EXPECT_EQ(path_of(href(landing["links"], "data")), "/collections");
  }
  {
    SCOPED_TRACE("/req/core/api-definition-op, /req/core/api-definition-success");
    EXPECT_EQ(get("/api").status, 200);
  }
  {
    SCOPED_TRACE("/req/core/conformance-op, /req/core/conformance-success");
    const auto classes = declared();
    EXPECT_TRUE(classes.count(kFeatures1 + "core"));
  }
  {
    SCOPED_TRACE("/req/core/query-param-unknown, /req/core/query-param-invalid");
    expect_problem("/collections/communes/items?foo=1", 400, "unknown query parameter 'foo'");
    expect_problem("/collections/communes/items?limit=abc", 400);
    expect_problem("/collections/communes/items?bbox=1,2,3", 400);
  }
  json all;
  {
    SCOPED_TRACE("/req/core/fc-md-op, /req/core/fc-md-success, /req/core/fc-md-links, /req/core/fc-md-items");
    all = get_json("/collections");
    EXPECT_EQ(path_of(href(all["links"], "self")), "/collections");
    std::vector<std::string> ids;
    for (const auto& c : all["collections"]) {
      ids.push_back(c["id"]);
      EXPECT_EQ(path_of(href(c["links"], "items", "application/geo+json")), "/collections/" + c["id"].get<std::string>() + "/items");
    }
    EXPECT_EQ(ids, kCollections);
  }
  {
    SCOPED_TRACE("/req/core/fc-md-extent");
    for (const auto& c : all["collections"]) {
      if (c["id"] == "initiatives") continue;  // every unit layer has a boundary extent
      ASSERT_EQ(c["extent"]["spatial"]["bbox"].size(), 1u) << c["id"];
      EXPECT_EQ(c["extent"]["spatial"]["bbox"][0].size(), 4u) << c["id"];
      EXPECT_EQ(c["extent"]["spatial"]["crs"], kCrs84) << c["id"];
      EXPECT_FALSE(c["extent"].contains("temporal")) << c["id"];
    }
  }
  {
    SCOPED_TRACE("/req/core/sfc-md-op, /req/core/sfc-md-success");
    for (const auto& c : all["collections"]) {
      const json one = get_json("/collections/" + c["id"].get<std::string>());
      EXPECT_EQ(one["id"], c["id"]);
      EXPECT_EQ(one["extent"], c["extent"]);
    }
    expect_problem("/collections/nope", 404);
  }
  {
    SCOPED_TRACE("/req/core/fc-op, /req/core/fc-response, /req/core/fc-numberMatched, /req/core/fc-numberReturned, /req/core/fc-timeStamp");
    const std::map<std::string, long> counts = {{"regions", 16},          {"provinces", 56},   {"communes", 345},
                                                {"regions-2007", 15},     {"provinces-2007", 54}, {"initiatives", 29},
                                                {"census-zones", 4865}};
    for (const auto& id : kCollections) {
      const json page = get_json("/collections/" + id + "/items");
      EXPECT_EQ(page["type"], "FeatureCollection");
      EXPECT_EQ(page["numberMatched"], counts.at(id)) << id;
      EXPECT_EQ(page["numberReturned"], std::min<long>(10, counts.at(id))) << id;
      EXPECT_EQ(page["numberReturned"], page["features"].size()) << id;
      EXPECT_EQ(page["timeStamp"].get<std::string>().size(), 20u) << id;  // 2026-01-01T00:00:00Z
    }
  }
  {
    SCOPED_TRACE("/req/core/fc-limit-definition, /req/core/fc-limit-response-1");
    EXPECT_EQ(get_json("/collections/communes/items?limit=1")["numberReturned"], 1);
    EXPECT_EQ(get_json("/collections/communes/items?limit=10000")["numberReturned"], 345);
    EXPECT_EQ(get_json("/collections/census-zones/items?limit=20000")["numberReturned"], 4865);  // clamped to 10000
    expect_problem("/collections/communes/items?limit=0", 400);
    expect_problem("/collections/communes/items?limit=-1", 400);
  }
  {
    SCOPED_TRACE("/req/core/fc-bbox-definition, /req/core/fc-bbox-response");
    const json page = get_json("/collections/communes/items?bbox=-71.7,-33.1,-71.5,-32.9&limit=100");
    EXPECT_EQ(page["numberMatched"], 4);
    for (const auto& f : page["features"]) {
      std::vector<std::pair<double, double>> xy;
      positions(f["geometry"]["coordinates"], xy);
      double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
      for (auto [x, y] : xy) x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
      EXPECT_TRUE(x0 <= -71.5 && x1 >= -71.7 && y0 <= -32.9 && y1 >= -33.1) << f["id"];
    }
    EXPECT_EQ(matched("communes", "bbox=-71.7,-33.1,0,-71.5,-32.9,100"), 4);
    expect_problem("/collections/communes/items?bbox=-71.5,-33.1,-71.7", 400);
    expect_problem("/collections/communes/items?bbox=-71.5,-33.1,-71.7,x", 400);
  }
  {
    SCOPED_TRACE("/req/core/fc-time-definition, /req/core/fc-time-response (C: features without a time match)");
    const std::map<std::string, long> counts = {{"regions", 16},          {"provinces", 56},   {"communes", 345},
                                                {"regions-2007", 15},     {"provinces-2007", 54}, {"initiatives", 29},
                                                {"census-zones", 4865}};
    for (const auto& id : kCollections)
      for (const char* dt : {"2018-02-12T23:20:50Z", "2018-02-12T00:00:00Z%2F2018-03-18T12:31:12Z",
                             "..%2F2018-03-18T12:31:12Z", "2018-02-12T00:00:00Z%2F..", "%2F2018-03-18",
                             "2018-02-12%2F", "2018", "2016-02-29", "2018-02-12T23:20:50.52%2B04:00"})
        EXPECT_EQ(matched(id, std::string("datetime=") + dt), counts.at(id)) << id << " " << dt;
  }
  {
    SCOPED_TRACE("/req/core/fc-time-response D-F: datetime syntax");
    for (const char* bad : {"2018-02-30", "2017-02-29", "2018-13-01", "2018-02-12T24:00:00Z", "2018-02-12T23:60:00Z",
                            "2018-02-12T23:20:50", "2018-02-12T23:20:50+4:00", "2018-02-12T23:20:50.Z", "12-02-2018",
                            "..", "..%2F..", "2019%2F2018", "2018%2F2019%2F2020", "", "tomorrow"})
      expect_problem(std::string("/collections/communes/items?datetime=") + bad, 400);
  }
  {
    SCOPED_TRACE("/req/core/fc-links, /req/core/fc-rel-type");
    std::string path = "/collections/communes/items?limit=100";
    std::set<std::string> seen;
    int pages = 0;
    while (!path.empty() && pages < 10) {
      const json page = get_json(path);
      EXPECT_EQ(path_of(href(page["links"], "self", "application/geo+json")), path);
      EXPECT_FALSE(href(page["links"], "alternate", "text/html").empty());
      for (const auto& f : page["features"]) EXPECT_TRUE(seen.insert(f["id"]).second);
      const std::string next = href(page["links"], "next");
      path = next.empty() ? "" : path_of(next);
      ++pages;
    }
    EXPECT_EQ(pages, 4);
    EXPECT_EQ(seen.size(), 345u);
  }
  {
    SCOPED_TRACE("/req/core/f-op, /req/core/f-success, /req/core/f-links");
    const json f = get_json("/collections/communes/items/13101");
    EXPECT_EQ(f["type"], "Feature");
    EXPECT_EQ(f["id"], "13101");
    EXPECT_EQ(f["properties"]["name"], "Santiago");
    EXPECT_EQ(path_of(href(f["links"], "self", "application/geo+json")), "/collections/communes/items/13101");
    EXPECT_EQ(path_of(href(f["links"], "collection")), "/collections/communes");
    expect_problem("/collections/communes/items/99999", 404);
  }
}

TEST(Conformance, Features1Geojson) {
  SCOPED_TRACE("/req/geojson/definition, /req/geojson/content");
  for (const std::string path : {"/collections/communes/items?limit=2", "/collections/communes/items/13101"}) {
    const HttpResult r = get(path, {{"Accept", "application/geo+json"}});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(header(r, "content-type"), "application/geo+json") << path;
  }
  const json page = get_json("/collections/communes/items?limit=2&f=json");
  for (const auto& f : page["features"]) {
    EXPECT_EQ(f["type"], "Feature");
    EXPECT_EQ(f["geometry"]["type"], "MultiPolygon");
    EXPECT_TRUE(f["properties"].is_object());
  }
}

TEST(Conformance, Features1Html) {
  SCOPED_TRACE("/req/html/definition, /req/html/content");
  for (const std::string path : {"/", "/conformance", "/collections", "/collections/communes",
                                 "/collections/communes/items?limit=5", "/collections/communes/items/13101",
                                 "/api"}) {
    const HttpResult r = get(path, {{"Accept", "text/html"}});
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(header(r, "content-type"), "text/html; charset=utf-8") << path;
    EXPECT_EQ(r.body.rfind("<!DOCTYPE html>", 0), 0u) << path;
  }
  EXPECT_NE(get("/collections/communes/items/13101?f=html").body.find("Santiago"), std::string::npos);
}

TEST(Conformance, Features1Oas30) {
  {
    SCOPED_TRACE("/req/oas30/oas-definition-1, /req/oas30/oas-definition-2");
    const HttpResult api = get("/api");
    EXPECT_EQ(header(api, "content-type"), "application/vnd.oai.openapi+json;version=3.0");
    EXPECT_EQ(header(get("/api?f=html"), "content-type"), "text/html; charset=utf-8");
    const std::string file = ::testing::TempDir() + "territorio_conformance_openapi.json";
    std::ofstream(file) << api.body;
    const auto v = test_support::run_command("node " TERRITORIO_DATA_DIR "/../tests/tools/validate-openapi.js " + file);
    EXPECT_EQ(v.exit_code, 0) << v.output;
  }
  {
    SCOPED_TRACE("/req/oas30/oas-impl, /req/oas30/completeness: every items path with its parameters, datetime included");
    const json doc = get_json("/api");
    for (const auto& id : kCollections) {
      const json& op = doc["paths"]["/collections/" + id + "/items"]["get"];
      ASSERT_TRUE(op.is_object()) << id;
      std::set<std::string> names;
      for (const auto& p : op["parameters"]) {
        if (!p.contains("$ref")) continue;
        const std::string ref = p["$ref"];
        names.insert(doc["components"]["parameters"][ref.substr(ref.rfind('/') + 1)]["name"].get<std::string>());
      }
      for (const char* n : {"limit", "offset", "bbox", "bbox-crs", "crs", "datetime", "filter", "filter-lang",
                            "filter-crs", "sortby", "properties", "f"})
        EXPECT_TRUE(names.count(n)) << id << " " << n;
    }
    EXPECT_NE(doc["components"]["parameters"]["datetime"]["description"].get<std::string>().find(
                  "every feature without a time"),
              std::string::npos);
  }
}

// ---- Part 2: Coordinate Reference Systems by Reference --------------------

TEST(Conformance, Features2Crs) {
  const std::vector<std::string> crs = {kCrs84, kEpsg + "4326", kEpsg + "3857", kEpsg + "32718", kEpsg + "32719"};
  {
    SCOPED_TRACE("/req/crs/fc-md-crs-list, /req/crs/fc-md-storageCrs, /req/crs/crs-uri");
    const json all = get_json("/collections");
    EXPECT_EQ(all["crs"], json(crs));
    for (const auto& c : all["collections"]) {
      EXPECT_EQ(c["crs"], json(crs)) << c["id"];
      EXPECT_EQ(c["storageCrs"], kCrs84) << c["id"];
    }
  }
  {
    SCOPED_TRACE("/req/crs/fc-crs-definition, /req/crs/fc-crs-valid-value, /req/crs/crs-action, /req/crs/ogc-crs-header");
    for (const auto& c : crs) {
      const HttpResult items = get("/collections/communes/items?limit=1&crs=" + enc(c));
      EXPECT_EQ(items.status, 200) << c;
      EXPECT_EQ(header(items, "content-crs"), "<" + c + ">");
      const HttpResult one = get("/collections/communes/items/13101?crs=" + enc(c));
      EXPECT_EQ(header(one, "content-crs"), "<" + c + ">");
      std::vector<std::pair<double, double>> xy;
      positions(json::parse(one.body)["geometry"]["coordinates"], xy);
      const auto [x, y] = xy.at(0);
      bool in_place = true;
      if (c == kCrs84) in_place = x > -71 && x < -70 && y > -34 && y < -33;
      if (c == kEpsg + "4326") in_place = y > -71 && y < -70 && x > -34 && x < -33;
      if (c == kEpsg + "3857") in_place = x > -7.9e6 && x < -7.8e6 && y > -4.0e6 && y < -3.9e6;
      if (c == kEpsg + "32719") in_place = x > 340000 && x < 352000 && y > 6290000 && y < 6305000;
      EXPECT_TRUE(in_place) << c << ": " << x << " " << y;
    }
    expect_problem("/collections/communes/items?crs=" + enc(kEpsg + "2154"), 400);
    EXPECT_EQ(header(get("/collections/communes/items?limit=1"), "content-crs"), "<" + kCrs84 + ">");
  }
  {
    SCOPED_TRACE("/req/crs/fc-bbox-crs-definition, /req/crs/fc-bbox-crs-valid-value, /req/crs/fc-bbox-crs-action");
    EXPECT_EQ(matched("communes", "bbox=-33.1,-71.7,-32.9,-71.5&bbox-crs=" + enc(kEpsg + "4326")), 4);
    const json utm = get_json("/collections/communes/items?limit=100&bbox=346000,6298000,347000,6299000&bbox-crs=" +
                              enc(kEpsg + "32719"));
    std::set<std::string> ids;
    for (const auto& f : utm["features"]) ids.insert(f["id"]);
    EXPECT_TRUE(ids.count("13101"));
    expect_problem("/collections/communes/items?bbox=1,2,3,4&bbox-crs=" + enc(kEpsg + "2154"), 400);
  }
}

// ---- Part 3: Filtering ----------------------------------------------------

TEST(Conformance, Features3Queryables) {
  SCOPED_TRACE("/req/queryables/get-queryables-op, /req/queryables/get-queryables-success, /req/queryables/get-queryables-uris");
  for (const auto& id : kCollections) {
    const json c = get_json("/collections/" + id);
    const std::string link = href(c["links"], "http://www.opengis.net/def/rel/ogc/1.0/queryables");
    EXPECT_EQ(path_of(link), "/collections/" + id + "/queryables");
    const HttpResult r = get(path_of(link));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(header(r, "content-type"), "application/schema+json");
    const json q = json::parse(r.body);
    EXPECT_EQ(q["$schema"], "https://json-schema.org/draft/2019-09/schema");
    EXPECT_EQ(q["$id"], link);
    EXPECT_EQ(q["type"], "object");
    EXPECT_EQ(q["properties"]["geometry"]["x-ogc-role"], "primary-geometry");
  }
  const json q = get_json("/collections/communes/queryables");
  EXPECT_EQ(q["properties"]["population"]["type"], "integer");
  EXPECT_EQ(q["properties"]["area_km2"]["type"], "number");
  EXPECT_EQ(q["properties"]["name"]["type"], "string");
}

TEST(Conformance, Features3QueryablesQueryParameters) {
  SCOPED_TRACE("/req/queryables-query-parameters/parameters: a parameter per queryable, matching its value exactly");
  EXPECT_EQ(matched("communes", "region_code=05"), 38);
  EXPECT_EQ(matched("communes", "name=" + enc("Ñuñoa")), 1);
  EXPECT_EQ(matched("communes", "name=Nunoa"), 0);
  EXPECT_EQ(matched("communes", "name=" + enc("ñuñoa")), 0);
  EXPECT_EQ(matched("communes", "population=208237"), 1);
  EXPECT_EQ(matched("communes", "region_code=05&population=208237"), 0);
  expect_problem("/collections/communes/items?population=many", 400, "population must be an integer, not 'many'");
}

TEST(Conformance, Features3Filter) {
  {
    SCOPED_TRACE("/req/filter/filter-param, /req/filter/response");
    EXPECT_EQ(filtered("communes", "region_code = '05'"), 38);
  }
  {
    SCOPED_TRACE("/req/filter/filter-lang-param");
    EXPECT_EQ(filtered("communes", "region_code = '05'", "&filter-lang=cql2-text"), 38);
    expect_problem("/collections/communes/items?filter-lang=cql2-json&filter=" + enc("{}"), 400);
  }
  {
    SCOPED_TRACE("/req/filter/filter-crs-param: every CRS of crs, coordinates read in its axis order");
    const auto at = [&](const std::string& xy, const std::string& crs) {
      return ids_of("communes", "S_INTERSECTS(geometry, POINT(" + xy + "))", "&filter-crs=" + enc(crs));
    };
    const std::vector<std::string> santiago = {"13101"};
    EXPECT_EQ(at("-70.65 -33.44", kCrs84), santiago);
    EXPECT_EQ(at("-33.44 -70.65", kEpsg + "4326"), santiago);
    EXPECT_EQ(at("-7864722.0 -3953853.3", kEpsg + "3857"), santiago);
    EXPECT_EQ(at("346500 6298500", kEpsg + "32719"), santiago);
    EXPECT_EQ(at("904483.6 6291461.7", kEpsg + "32718"), santiago);  // zone 18's grid, east of its strip
    EXPECT_EQ(ids_of("communes", "S_INTERSECTS(geometry, BBOX(346000,6298000,347000,6299000))",
                     "&filter-crs=" + enc(kEpsg + "32719")),
              santiago);
    expect_problem("/collections/communes/items?filter-crs=" + enc(kEpsg + "2154") + "&filter=" +
                       enc("S_INTERSECTS(geometry, POINT(1 2))"),
                   400);
    expect_problem("/collections/communes/items?filter-crs=" + enc(kEpsg + "32719") + "&filter=" +
                       enc("S_INTERSECTS(geometry, POINT(1e30 1e30))"),
                   400, "filter: a geometry lies outside the area of " + kEpsg + "32719");
  }
  {
    SCOPED_TRACE("/req/filter/mixing-expressions: filter AND bbox AND query parameters");
    EXPECT_EQ(filtered("communes", "population > 100000", "&region_code=05&bbox=-71.7,-33.1,-71.5,-32.9"), 2);
  }
}

TEST(Conformance, Features3FeaturesFilter) {
  SCOPED_TRACE("/req/features-filter/filter-param, /req/features-filter/response on every collection");
  EXPECT_EQ(filtered("regions", "code = '13'"), 1);
  EXPECT_EQ(filtered("provinces", "region_code = '13'"), 6);
  EXPECT_EQ(filtered("regions-2007", "code = '16'"), 0);
  EXPECT_EQ(filtered("initiatives", "name IS NOT NULL"), 29);
  EXPECT_EQ(filtered("census-zones", "FALSE"), 0);
  expect_problem("/collections/communes/items?filter=" + enc("nombre = 'x'"), 400, "filter: unknown property 'nombre'");
}

// ---- Part 4: Create, Replace, Update and Delete ---------------------------

TEST(Conformance, Features4CreateReplaceDeleteAndUpdate) {
  test_support::TempDir dir("territorio-conformance");
  test_support::WriteServer w(dir.path(""));
  HttpClient c;
  const auto as_editor = [&](test_support::HeaderList h) { return test_support::bearer(w.biobio, std::move(h)); };
  json body = json::parse(test_support::feature_body("conf-1", "Mesa de conformidad"));
  body["properties"]["year"] = 2015;
  std::string etag;
  {
    SCOPED_TRACE("/req/create-replace-delete/insert-post-op, /req/create-replace-delete/insert-post-response");
    const HttpResult r = c.request("POST", w.url("/collections/initiatives/items"), body.dump(),
                                   as_editor({{"Content-Type", "application/geo+json"}}));
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(header(r, "location"), w.url("/collections/initiatives/items/conf-1"));
    etag = header(r, "etag");
    EXPECT_EQ(c.get(w.url("/collections/initiatives/items/conf-1")).status, 200);
  }
  {
    SCOPED_TRACE("/req/core/fc-time-response A and C on initiatives: its year meets the interval, the yearless always");
    const auto count = [&](const std::string& q) {
      return json::parse(c.get(w.url("/collections/initiatives/items?" + q)).body)["numberMatched"].get<long>();
    };
    EXPECT_EQ(count(""), 30);
    EXPECT_EQ(count("datetime=2015-06-01T00:00:00Z"), 30);
    EXPECT_EQ(count("datetime=2014-01-01%2F2015-01-01"), 30);
    EXPECT_EQ(count("datetime=2016%2F.."), 29);
    EXPECT_EQ(count("datetime=..%2F2014-12-31"), 29);
    EXPECT_EQ(count("datetime=1990"), 29);
    const json ext = json::parse(c.get(w.url("/collections/initiatives")).body)["extent"]["temporal"];
    EXPECT_EQ(ext["interval"], json({{"2015-01-01T00:00:00Z", "2015-12-31T23:59:59Z"}}));
  }
  {
    SCOPED_TRACE("/req/create-replace-delete/update-put-op, /req/create-replace-delete/update-put-response");
    body["properties"]["name"] = "Mesa de conformidad (2)";
    body["properties"]["id"] = "conf-1";
    const HttpResult r = c.request("PUT", w.url("/collections/initiatives/items/conf-1"), body.dump(),
                                   as_editor({{"Content-Type", "application/geo+json"}, {"If-Match", etag}}));
    ASSERT_EQ(r.status, 200) << r.body;
    etag = header(r, "etag");
    EXPECT_EQ(json::parse(c.get(w.url("/collections/initiatives/items/conf-1")).body)["properties"]["name"],
              "Mesa de conformidad (2)");
  }
  {
    SCOPED_TRACE("/req/update/patch-op, /req/update/patch-response");
    const HttpResult r = c.request("PATCH", w.url("/collections/initiatives/items/conf-1"),
                                   R"j({"properties":{"name":"Mesa de conformidad (3)"}})j",
                                   as_editor({{"Content-Type", "application/merge-patch+json"}, {"If-Match", etag}}));
    ASSERT_EQ(r.status, 200) << r.body;
    etag = header(r, "etag");
    EXPECT_EQ(json::parse(r.body)["properties"]["name"], "Mesa de conformidad (3)");
  }
  {
    SCOPED_TRACE("/req/create-replace-delete/delete-op, /req/create-replace-delete/delete-response");
    const HttpResult r = c.request("DELETE", w.url("/collections/initiatives/items/conf-1"), "", as_editor({{"If-Match", etag}}));
    EXPECT_EQ(r.status, 204);
    EXPECT_EQ(r.body, "");
    EXPECT_EQ(c.get(w.url("/collections/initiatives/items/conf-1")).status, 404);
  }
}

TEST(Conformance, Features4Update) {
  SCOPED_TRACE("/req/update: PATCH is declared in the API definition");
  const json doc = get_json("/api");
  EXPECT_TRUE(doc["paths"]["/collections/initiatives/items/{featureId}"].contains("patch"));
  EXPECT_TRUE(doc["paths"]["/collections/initiatives/items/{featureId}"].contains("put"));
  EXPECT_TRUE(doc["paths"]["/collections/initiatives/items/{featureId}"].contains("delete"));
  EXPECT_TRUE(doc["paths"]["/collections/initiatives/items"].contains("post"));
}

// ---- CQL2 -----------------------------------------------------------------

TEST(Conformance, Cql2Text) {
  SCOPED_TRACE("/req/cql2-text/*: keywords in any case, quoted property names, '' in a string");
  EXPECT_EQ(filtered("communes", "region_code = '05' and population > 100000"), 4);
  EXPECT_EQ(filtered("communes", "\"region_code\" = '05' AND \"population\" > 100000"), 4);
  EXPECT_EQ(filtered("communes", "name = 'O''Higgins'"), 1);
  EXPECT_EQ(filtered("communes", "not (region_code <> '05')"), 38);
  expect_problem("/collections/communes/items?filter=" + enc("region_code = '05"), 400,
                 "filter: unterminated string at character 18");
  expect_problem("/collections/communes/items?filter=" + enc("name = '\xff'"), 400,
                 "a query parameter value is not valid UTF-8 once percent-decoded");
}

TEST(Conformance, Cql2BasicCql2) {
  {
    SCOPED_TRACE("/req/basic-cql2/binary-comparison-predicate A-C");
    EXPECT_EQ(ids_of("communes", "population = 208237"), std::vector<std::string>{"13120"});
    EXPECT_EQ(filtered("communes", "population <> 208237"), 344);
    EXPECT_EQ(filtered("communes", "population > 500000"), 2);
    EXPECT_EQ(filtered("communes", "population >= 521627"), 2);  // Maipú, Puente Alto
    EXPECT_EQ(filtered("communes", "population > 521627"), 1);
    EXPECT_EQ(filtered("communes", "population < 1000"), 10);
    EXPECT_EQ(filtered("communes", "population <= 1000"), 10);
    EXPECT_EQ(filtered("communes", "area_km2 > 10000.5"), 18);
    EXPECT_EQ(filtered("communes", "area_km2 > 10000"), 18);  // an integer against a number property
    EXPECT_EQ(filtered("communes", "region_code <> '13'"), 293);
    // Text compares exactly, by code point.
    EXPECT_EQ(ids_of("communes", "name = 'Ñuñoa'"), std::vector<std::string>{"13120"});
    EXPECT_EQ(filtered("communes", "name = 'Nunoa'"), 0);
    EXPECT_EQ(filtered("communes", "name = 'ñuñoa'"), 0);
    EXPECT_EQ(filtered("communes", "name = 'NUÑOA'"), 0);
  }
  {
    SCOPED_TRACE("/req/basic-cql2/binary-comparison-predicate D: both sides of one type");
    expect_problem("/collections/communes/items?filter=" + enc("population > 'mucho'"), 400,
                   "filter: a comparison needs values of one type, but 'population' is an integer property and "
                   "'mucho' is a string");
    expect_problem("/collections/communes/items?filter=" + enc("name = 5"), 400,
                   "filter: a comparison needs values of one type, but 'name' is a string property and 5 is an "
                   "integer");
    expect_problem("/collections/communes/items?filter=" + enc("region_code = 5"), 400);
    expect_problem("/collections/communes/items?filter=" + enc("population = TRUE"), 400);
  }
  {
    SCOPED_TRACE("/req/basic-cql2/null-predicate");
    EXPECT_EQ(filtered("communes", "name IS NULL"), 0);
    EXPECT_EQ(filtered("communes", "name IS NOT NULL"), 345);
  }
  {
    SCOPED_TRACE("/req/basic-cql2/property, /req/basic-cql2/cql2-filter");
    EXPECT_EQ(filtered("communes", "TRUE"), 345);
    EXPECT_EQ(filtered("communes", "FALSE"), 0);
    expect_problem("/collections/communes/items?filter=" + enc("poblacion = 1"), 400,
                   "filter: unknown property 'poblacion'");
  }
  {
    SCOPED_TRACE("functions only where advertised: no Functions class, so no UPPER/LOWER");
    expect_problem("/collections/communes/items?filter=" + enc("UPPER(name) = 'SANTIAGO'"), 400,
                   "filter: unknown function UPPER (the functions are CASEI, ACCENTI and the spatial S_*) at "
                   "character 6");
    expect_problem("/collections/communes/items?filter=" + enc("LOWER(name) = 'santiago'"), 400);
  }
}

TEST(Conformance, Cql2AdvancedComparisonOperators) {
  {
    SCOPED_TRACE("/req/advanced-comparison-operators/like-predicate");
    EXPECT_EQ(filtered("communes", "name LIKE 'San %'"), 24);
    EXPECT_EQ(filtered("communes", "name LIKE 'san %'"), 0);
    EXPECT_EQ(ids_of("communes", "name LIKE '_u_oa'"), std::vector<std::string>{"13120"});  // _ is one character: Ñ
    EXPECT_EQ(filtered("communes", "name LIKE 'Nu_oa'"), 0);
    EXPECT_EQ(filtered("communes", "name NOT LIKE 'San %'"), 321);
    expect_problem("/collections/communes/items?filter=" + enc("population LIKE '2%'"), 400);
  }
  {
    SCOPED_TRACE("/req/advanced-comparison-operators/between-predicate");
    EXPECT_EQ(filtered("communes", "population BETWEEN 100000 AND 200000"), 33);
    EXPECT_EQ(filtered("communes", "population NOT BETWEEN 100000 AND 200000"), 312);
    expect_problem("/collections/communes/items?filter=" + enc("name BETWEEN 'A' AND 'B'"), 400);
  }
  {
    SCOPED_TRACE("/req/advanced-comparison-operators/in-predicate");
    EXPECT_EQ(filtered("communes", "region_code IN ('05', '13')"), 90);
    EXPECT_EQ(filtered("communes", "region_code NOT IN ('05', '13')"), 255);
    EXPECT_EQ(filtered("communes", "name IN ('Nunoa', 'providencia')"), 0);
    expect_problem("/collections/communes/items?filter=" + enc("region_code IN ('05', 13)"), 400);
  }
}

TEST(Conformance, Cql2CaseInsensitiveComparison) {
  SCOPED_TRACE("/req/case-insensitive-comparison/casei-builtin-function");
  EXPECT_EQ(ids_of("communes", "CASEI(name) = CASEI('ÑUÑOA')"), std::vector<std::string>{"13120"});
  EXPECT_EQ(ids_of("communes", "CASEI(name) = 'ñuñoa'"), std::vector<std::string>{"13120"});
  EXPECT_EQ(filtered("communes", "CASEI(name) = CASEI('NUNOA')"), 0);  // accents still count
  EXPECT_EQ(filtered("communes", "CASEI(name) LIKE CASEI('san %')"), 24);
  EXPECT_EQ(filtered("communes", "CASEI(name) IN (CASEI('ÑUÑOA'), CASEI('PROVIDENCIA'))"), 2);
  expect_problem("/collections/communes/items?filter=" + enc("CASEI(population) = '1'"), 400,
                 "filter: CASEI takes a string, but 'population' is an integer property");
}

TEST(Conformance, Cql2AccentInsensitiveComparison) {
  SCOPED_TRACE("/req/accent-insensitive-comparison/accenti-builtin-function");
  EXPECT_EQ(ids_of("communes", "ACCENTI(name) = ACCENTI('Nunoa')"), std::vector<std::string>{"13120"});
  EXPECT_EQ(ids_of("communes", "ACCENTI(name) = 'Nunoa'"), std::vector<std::string>{"13120"});
  EXPECT_EQ(filtered("communes", "ACCENTI(name) = 'nunoa'"), 0);  // case still counts
  EXPECT_EQ(ids_of("communes", "CASEI(ACCENTI(name)) = CASEI(ACCENTI('NUNOA'))"), std::vector<std::string>{"13120"});
  EXPECT_EQ(filtered("communes", "ACCENTI(region_name) = 'Valparaiso'"), 38);
  EXPECT_EQ(filtered("communes", "region_name = 'Valparaiso'"), 0);
}

TEST(Conformance, Cql2BasicSpatialFunctions) {
  SCOPED_TRACE("/req/basic-spatial-functions/spatial-predicate: S_INTERSECTS with points and BBOX");
  EXPECT_EQ(ids_of("communes", "S_INTERSECTS(geometry, POINT(-70.65 -33.44))"), std::vector<std::string>{"13101"});
  EXPECT_EQ(ids_of("communes", "S_INTERSECTS(geometry, BBOX(-71.7,-33.1,-71.5,-32.9))"),
            (std::vector<std::string>{"05101", "05103", "05107", "05109"}));
  EXPECT_EQ(filtered("communes", "S_INTERSECTS(geometry, POINT(0 0))"), 0);
  expect_problem("/collections/communes/items?filter=" + enc("S_INTERSECTS(name, POINT(0 0))"), 400);
}

TEST(Conformance, Cql2BasicSpatialFunctionsPlus) {
  SCOPED_TRACE("/req/basic-spatial-functions-plus/spatial-data-types: S_INTERSECTS with every geometry type");
  EXPECT_EQ(ids_of("communes", "S_INTERSECTS(geometry, LINESTRING(-70.65 -33.44, -70.60 -33.44))"),
            (std::vector<std::string>{"13101", "13123"}));
  EXPECT_EQ(ids_of("communes", "S_INTERSECTS(geometry, POLYGON((-70.66 -33.45, -70.64 -33.45, -70.64 -33.43, "
                               "-70.66 -33.43, -70.66 -33.45)))"),
            (std::vector<std::string>{"13101", "13108", "13127"}));
  EXPECT_EQ(ids_of("communes", "S_INTERSECTS(geometry, MULTIPOINT((-70.65 -33.44), (-71.6 -33.05)))"),
            (std::vector<std::string>{"05101", "13101"}));
  EXPECT_EQ(ids_of("communes", "S_INTERSECTS(geometry, MULTILINESTRING((-70.65 -33.44, -70.60 -33.44)))"),
            (std::vector<std::string>{"13101", "13123"}));
  EXPECT_EQ(ids_of("communes", "S_INTERSECTS(geometry, MULTIPOLYGON(((-70.651 -33.441, -70.649 -33.441, "
                               "-70.649 -33.439, -70.651 -33.439, -70.651 -33.441))))"),
            std::vector<std::string>{"13101"});
  EXPECT_EQ(ids_of("communes", "S_INTERSECTS(geometry, GEOMETRYCOLLECTION(POINT(-70.65 -33.44)))"),
            std::vector<std::string>{"13101"});
}

TEST(Conformance, Cql2SpatialFunctions) {
  SCOPED_TRACE("/req/spatial-functions/spatial-predicate: the eight DE-9IM functions");
  EXPECT_EQ(ids_of("communes", "S_WITHIN(geometry, BBOX(-71.7,-33.2,-71.3,-32.9))"),
            (std::vector<std::string>{"05103", "05109"}));
  EXPECT_EQ(ids_of("communes", "S_CONTAINS(geometry, POINT(-70.65 -33.44))"), std::vector<std::string>{"13101"});
  EXPECT_EQ(filtered("communes", "S_DISJOINT(geometry, BBOX(-76,-56,-66,-17))"), 2);  // Juan Fernández, Isla de Pascua
  EXPECT_EQ(filtered("communes", "S_TOUCHES(geometry, POINT(-70.65 -33.44))"), 0);
  EXPECT_EQ(ids_of("communes", "S_CROSSES(geometry, LINESTRING(-70.65 -33.44, -70.60 -33.44))"),
            (std::vector<std::string>{"13101", "13123"}));
  EXPECT_EQ(ids_of("communes", "S_OVERLAPS(geometry, POLYGON((-70.66 -33.45, -70.64 -33.45, -70.64 -33.43, "
                               "-70.66 -33.43, -70.66 -33.45)))"),
            (std::vector<std::string>{"13101", "13108", "13127"}));
  EXPECT_EQ(filtered("communes", "S_EQUALS(geometry, POINT(-70.65 -33.44))"), 0);
  const json santiago = get_json("/collections/communes/items/13101");
  EXPECT_EQ(santiago["geometry"]["type"], "MultiPolygon");
}

// ---- OGC API - Tiles ------------------------------------------------------

TEST(Conformance, TilesCoreTilesetTilesetsListGeodataAndMvt) {
  json tileset;
  {
    SCOPED_TRACE("/req/geodata-tilesets/tilesets-list-op: each tiled collection links its tilesets");
    const json c = get_json("/collections/communes");
    const std::string list = href(c["links"], "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
    EXPECT_EQ(path_of(list), "/collections/communes/tiles");
    SCOPED_TRACE("/req/tilesets-list/tilesets-list-success");
    const json sets = get_json(path_of(list));
    ASSERT_GE(sets["tilesets"].size(), 1u);
    const std::string self = href(sets["tilesets"][0]["links"], "self");
    SCOPED_TRACE("/req/tileset/tileset-success");
    tileset = get_json(path_of(self));
    EXPECT_EQ(tileset["dataType"], "vector");
  }
  {
    SCOPED_TRACE("/req/core/tc-op, /req/core/tc-success, /req/mvt/mvt-definition, /req/mvt/mvt-content");
    std::string tpl = href(tileset["links"], "item", "application/vnd.mapbox-vector-tile");
    ASSERT_FALSE(tpl.empty()) << tileset.dump().substr(0, 400);
    tpl = path_of(tpl);
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"{tileMatrix}", "5"}, {"{tileRow}", "19"},
                                     {"{tileCol}", "9"}})
      tpl.replace(tpl.find(key), key.size(), value);
    const HttpResult tile = get(tpl);
    EXPECT_EQ(tile.status, 200) << tpl;
    EXPECT_EQ(header(tile, "content-type"), "application/vnd.mapbox-vector-tile");
    EXPECT_GT(tile.body.size(), 100u);
    SCOPED_TRACE("/req/core/tc-error");
    expect_problem(path_of(href(tileset["links"], "self")) + "/99/0/0", 400);
  }
}

TEST(Conformance, TilesPng) {
  SCOPED_TRACE("/req/geodata-tilesets: each tiled collection links its map tilesets");
  const json c = get_json("/collections/communes");
  const std::string list = href(c["links"], "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map");
  EXPECT_EQ(path_of(list), "/collections/communes/map/tiles");
  const json sets = get_json(path_of(list));
  ASSERT_GE(sets["tilesets"].size(), 1u);
  const json tileset = get_json(path_of(href(sets["tilesets"][0]["links"], "self")));
  EXPECT_EQ(tileset["dataType"], "map");
  SCOPED_TRACE("/req/png/content: a map tile is a PNG image");
  std::string tpl = path_of(href(tileset["links"], "item", "image/png"));
  ASSERT_FALSE(tpl.empty());
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"{tileMatrix}", "5"}, {"{tileRow}", "19"},
                                   {"{tileCol}", "9"}})
    tpl.replace(tpl.find(key), key.size(), value);
  const HttpResult tile = get(tpl);
  EXPECT_EQ(tile.status, 200) << tpl;
  EXPECT_EQ(header(tile, "content-type"), "image/png");
  EXPECT_EQ(tile.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

// ---- Two Dimensional Tile Matrix Set and Tileset Metadata 2.0 ------------

TEST(Conformance, TmsTileMatrixSetAndItsJson) {
  const json list = get_json("/tileMatrixSets");
  std::set<std::string> ids;
  for (const auto& t : list["tileMatrixSets"]) ids.insert(t["id"].get<std::string>());
  EXPECT_EQ(ids, (std::set<std::string>{"WebMercatorQuad", "WorldCRS84Quad"}));
  for (const std::string& id : ids) {
    SCOPED_TRACE("/req/tilematrixset/tms-mandatory, /req/json-tilematrixset/json-encoding: " + id);
    const json tms = get_json("/tileMatrixSets/" + id);
    EXPECT_EQ(tms["id"], id);
    EXPECT_TRUE(tms["crs"].is_string());
    EXPECT_EQ(tms["uri"], "http://www.opengis.net/def/tilematrixset/OGC/1.0/" + id);
    ASSERT_TRUE(tms["tileMatrices"].is_array());
    SCOPED_TRACE("/req/tilematrixset/tilematrix-mandatory: each matrix has its size, tile size, cell size and origin");
    const json& zero = tms["tileMatrices"][0];
    EXPECT_EQ(zero["id"], "0");
    EXPECT_EQ(zero["tileWidth"], 256);
    EXPECT_EQ(zero["tileHeight"], 256);
    EXPECT_EQ(zero["matrixWidth"], id == "WorldCRS84Quad" ? 2 : 1);
    EXPECT_EQ(zero["matrixHeight"], 1);
    EXPECT_EQ(zero["cornerOfOrigin"], "topLeft");
    EXPECT_TRUE(zero["cellSize"].is_number());
    EXPECT_EQ(zero["pointOfOrigin"].size(), 2u);
    // Each matrix halves the cell size of the one before.
    for (std::size_t z = 1; z < tms["tileMatrices"].size(); ++z)
      EXPECT_DOUBLE_EQ(tms["tileMatrices"][z]["cellSize"].get<double>() * 2,
                       tms["tileMatrices"][z - 1]["cellSize"].get<double>());
  }
  SCOPED_TRACE("an unknown tile matrix set is 404");
  expect_problem("/tileMatrixSets/Nope", 404);
}

TEST(Conformance, TmsTilesetMetadataAndItsJson) {
  for (const std::string path : {"/collections/communes/tiles/WebMercatorQuad",
                                 "/collections/communes/map/tiles/WorldCRS84Quad"}) {
    SCOPED_TRACE("/req/tilesetmetadata/tilesetmetadata-mandatory, /req/json-tilesetmetadata: " + path);
    const json t = get_json(path);
    EXPECT_TRUE(t["dataType"] == "vector" || t["dataType"] == "map");
    EXPECT_TRUE(t["crs"].is_string());
    EXPECT_FALSE(href(t["links"], "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme").empty());
    EXPECT_EQ(t["boundingBox"]["crs"], "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
    EXPECT_EQ(t["boundingBox"]["lowerLeft"].size(), 2u);
    ASSERT_TRUE(t["tileMatrixSetLimits"].is_array());
    ASSERT_FALSE(t["tileMatrixSetLimits"].empty());
    const json& limit = t["tileMatrixSetLimits"][0];
    EXPECT_EQ(limit["tileMatrix"], "0");
    EXPECT_LE(limit["minTileRow"].get<int>(), limit["maxTileRow"].get<int>());
    EXPECT_LE(limit["minTileCol"].get<int>(), limit["maxTileCol"].get<int>());
  }
}

// ---- OGC API - Features - Part 5: Schemas (Common Part 3) ----------------

TEST(Conformance, Features5Schemas) {
  for (const std::string& id : kCollections) {
    SCOPED_TRACE("/req/schemas/collection-schema: " + id);
    const json c = get_json("/collections/" + id);
    EXPECT_EQ(path_of(href(c["links"], "http://www.opengis.net/def/rel/ogc/1.0/schema", "application/schema+json")),
              "/collections/" + id + "/schema");
    const HttpResult r = get("/collections/" + id + "/schema");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(header(r, "content-type"), "application/schema+json");
    const json schema = json::parse(r.body);
    EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    EXPECT_EQ(schema["type"], "object");
    EXPECT_FALSE(schema["properties"].empty());
  }
  expect_problem("/collections/nope/schema", 404);
}

TEST(Conformance, Features5AdvancedPropertyRoles) {
  SCOPED_TRACE("/req/schemas/roles: the id and the primary geometry carry their roles");
  const json communes = get_json("/collections/communes/schema");
  EXPECT_EQ(communes["properties"]["code"]["x-ogc-role"], "id");
  EXPECT_EQ(communes["properties"]["geometry"]["x-ogc-role"], "primary-geometry");
  const json initiatives = get_json("/collections/initiatives/schema");
  EXPECT_EQ(initiatives["properties"]["id"]["x-ogc-role"], "id");
  EXPECT_EQ(initiatives["properties"]["geometry"]["x-ogc-role"], "primary-geometry");
}

TEST(Conformance, Features5ReturnablesAndReceivables) {
  SCOPED_TRACE("/req/returnables-and-receivables: what a write cannot set is readOnly");
  const json initiatives = get_json("/collections/initiatives/schema");
  for (const char* joined : {"commune_codes", "province_codes", "region_codes"})
    EXPECT_EQ(initiatives["properties"][joined]["readOnly"], true) << joined;
  EXPECT_FALSE(initiatives["properties"]["name"].contains("readOnly"));
}

}  // namespace
