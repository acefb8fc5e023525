// OGC API - Features over HTTP against the real server: links, paging by
// `next` to the end, bbox, CRS, filters, formats, caching, gzip, CORS,
// forwarded headers, the OpenAPI document (validated with an npm
// validator) and every error case as an RFC 7807 problem.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace {

using nlohmann::json;
using test_support::HttpClient;

test_support::ServerProcess& server() {
  static test_support::ServerProcess s(TERRITORIO_TEST_STORE);
  return s;
}

json get_json(const std::string& path, long expected = 200) {
  HttpClient c;
  const auto r = c.get(server().url(path));
  EXPECT_EQ(r.status, expected) << path << ": " << r.body.substr(0, 300);
  return json::parse(r.body);
}

std::string href(const json& links, const std::string& rel, const std::string& type = "") {
  for (const auto& l : links)
    if (l["rel"] == rel && (type.empty() || l["type"] == type)) return l["href"];
  return "";
}

std::string hdr(const test_support::HttpResult& r, const std::string& name) {
  const auto it = r.headers.find(name);
  return it == r.headers.end() ? "" : it->second;
}

// The path of an absolute link, for our client.
std::string path_of(const std::string& url) {
  const auto p = url.find('/', url.find("//") + 2);
  return url.substr(p);
}

TEST(OgcHttp, LandingConformanceAndApi) {
  const json landing = get_json("/");
  EXPECT_EQ(path_of(href(landing["links"], "service-desc", "application/vnd.oai.openapi+json;version=3.0")), "/api");
  EXPECT_EQ(path_of(href(landing["links"], "service-doc", "text/html")), "/api?f=html");
  EXPECT_EQ(path_of(href(landing["links"], "conformance")), "/conformance");
  EXPECT_EQ(path_of(href(landing["links"], "data")), "/collections");
  EXPECT_EQ(path_of(href(landing["links"], "related", "text/html")), "/map");
  const json conf = get_json("/conformance");
  std::set<std::string> classes(conf["conformsTo"].begin(), conf["conformsTo"].end());
  for (const char* c : {"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
                        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2"})
    EXPECT_TRUE(classes.count(c)) << c;

  HttpClient c;
  const auto api = c.get(server().url("/api"));
  EXPECT_EQ(hdr(api, "content-type"), "application/vnd.oai.openapi+json;version=3.0");
  const json doc = json::parse(api.body);
  for (const char* p : {"/", "/conformance", "/api", "/collections", "/collections/{collectionId}",
                        "/collections/{collectionId}/items", "/collections/{collectionId}/items/{featureId}",
                        "/collections/{collectionId}/queryables", "/collections/communes/items"})
    EXPECT_TRUE(doc["paths"].contains(p)) << p;
  const std::string file = ::testing::TempDir() + "territorio_openapi.json";
  std::ofstream(file) << api.body;
  const auto v = test_support::run_command("node " TERRITORIO_DATA_DIR "/../tests/tools/validate-openapi.js " + file);
  EXPECT_EQ(v.exit_code, 0) << v.output;
  EXPECT_NE(v.output.find("valid OpenAPI 3.0"), std::string::npos) << v.output;
  const auto html = c.get(server().url("/api?f=html"));
  EXPECT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("/collections/{collectionId}/items"), std::string::npos);
}

TEST(OgcHttp, CollectionsAndCollection) {
  const json all = get_json("/collections");
  ASSERT_EQ(all["collections"].size(), 7u);
  const json communes = get_json("/collections/communes");
  EXPECT_EQ(communes["itemType"], "feature");
  EXPECT_EQ(communes["extent"]["spatial"]["bbox"][0].size(), 4u);
  EXPECT_EQ(path_of(href(communes["links"], "items", "application/geo+json")), "/collections/communes/items");
  EXPECT_EQ(communes["storageCrs"], "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
  const json initiatives = get_json("/collections/initiatives");
  // The seed records carry no contest year: no temporal extent is claimed.
  EXPECT_FALSE(initiatives["extent"].contains("temporal"));
  const json q = get_json("/collections/communes/queryables");
  EXPECT_EQ(q["properties"]["population"]["type"], "integer");
  EXPECT_EQ(q["properties"]["geometry"]["x-ogc-role"], "primary-geometry");
  EXPECT_FALSE(q["properties"]["name"].contains("enum"));
  // Attributes with a controlled vocabulary list what a filter accepts.
  const json iq = get_json("/collections/initiatives/queryables");
  EXPECT_EQ(iq["properties"]["stage"]["enum"], json({"inscrita", "profundización", "finalizada", "terreno"}));
  EXPECT_EQ(iq["properties"]["rurality"]["enum"], json({"Rural", "Urbano", "Mixto"}));
  EXPECT_EQ(iq["properties"]["area"]["enum"].size(), 4u);
  EXPECT_FALSE(iq["properties"]["name"].contains("enum"));
}

TEST(OgcHttp, PagingByNextCoversEveryFeatureOnce) {
  std::string path = "/collections/communes/items?limit=50";
  std::set<std::string> seen;
  std::size_t sum = 0, pages = 0;
  long matched = -1;
  while (!path.empty()) {
    const json page = get_json(path);
    matched = page["numberMatched"];
    sum += page["numberReturned"].get<std::size_t>();
    EXPECT_EQ(page["numberReturned"], page["features"].size());
    EXPECT_TRUE(page.contains("timeStamp"));
    for (const auto& f : page["features"]) EXPECT_TRUE(seen.insert(f["id"].get<std::string>()).second) << f["id"];
    if (pages > 0) {
      EXPECT_FALSE(href(page["links"], "prev").empty());
    }
    const std::string next = href(page["links"], "next");
    path = next.empty() ? "" : path_of(next);
    ASSERT_LT(++pages, 20u);
  }
  EXPECT_EQ(pages, 7u);
  EXPECT_EQ(matched, 345);
  EXPECT_EQ(sum, 345u);
  EXPECT_EQ(seen.size(), 345u);
  // Default limit 10, clamped maximum.
  EXPECT_EQ(get_json("/collections/census-zones/items")["numberReturned"], 10);
  EXPECT_EQ(get_json("/collections/census-zones/items?limit=99999")["numberReturned"], 4865);
}

TEST(OgcHttp, BboxCrsAndFilters) {
  EXPECT_EQ(get_json("/collections/communes/items?bbox=-71.7,-33.1,-71.5,-32.9")["numberMatched"], 4);
  EXPECT_EQ(get_json("/collections/communes/items?bbox=-71.7,-33.1,0,-71.5,-32.9,10")["numberMatched"], 4);
  // EPSG:4326 axis order: latitude first.
  EXPECT_EQ(get_json("/collections/communes/items?bbox=-33.1,-71.7,-32.9,-71.5&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326")["numberMatched"], 4);
  // Across the antimeridian: from 170°E eastwards to 109°W holds Rapa Nui only (in Valparaíso region).
  const json anti = get_json("/collections/communes/items?bbox=170,-30,-109,-25");
  ASSERT_EQ(anti["numberMatched"], 1);
  EXPECT_EQ(anti["features"][0]["id"], "05201");
  // A bbox in UTM 19S metres around Santiago's centre.
  const json utm = get_json("/collections/communes/items?bbox=346000,6298000,347000,6299000&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/32719&limit=50");
  std::set<std::string> ids;
  for (const auto& f : utm["features"]) ids.insert(f["id"]);
  EXPECT_TRUE(ids.count("13101")) << utm.dump().substr(0, 200);

  HttpClient c;
  const auto merc = c.get(server().url("/collections/communes/items/13101?crs=http://www.opengis.net/def/crs/EPSG/0/3857"));
  EXPECT_EQ(hdr(merc, "content-crs"), "<http://www.opengis.net/def/crs/EPSG/0/3857>");
  const double x = json::parse(merc.body)["geometry"]["coordinates"][0][0][0][0];
  EXPECT_LT(x, -7.8e6);
  EXPECT_GT(x, -7.9e6);
  const auto lonlat = c.get(server().url("/collections/communes/items/13101"));
  EXPECT_EQ(hdr(lonlat, "content-crs"), "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
  const auto latlon = c.get(server().url("/collections/communes/items/13101?crs=http://www.opengis.net/def/crs/EPSG/0/4326"));
  const auto a = json::parse(lonlat.body)["geometry"]["coordinates"][0][0][0];
  const auto b = json::parse(latlon.body)["geometry"]["coordinates"][0][0][0];
  EXPECT_EQ(a[0], b[1]);
  EXPECT_EQ(a[1], b[0]);

  EXPECT_EQ(get_json("/collections/communes/items?region_code=05&limit=100")["numberMatched"], 38);
  EXPECT_EQ(get_json("/collections/communes/items?filter=region_name%3D%27Valpara%C3%ADso%27%20AND%20population%3E100000")["numberMatched"], 4);
  // Text is exact; CASEI and ACCENTI ignore case and accents where asked.
  EXPECT_EQ(get_json("/collections/communes/items?filter=region_name%3D%27VALPARAISO%27")["numberMatched"], 0);
  EXPECT_EQ(get_json("/collections/communes/items?filter=CASEI(ACCENTI(region_name))%3DCASEI(%27VALPARAISO%27)%20AND%20population%3E100000")["numberMatched"], 4);
  EXPECT_EQ(get_json("/collections/communes/items?filter=name%20LIKE%20%27puerto%25%27")["numberMatched"], 0);
  EXPECT_EQ(get_json("/collections/communes/items?filter=CASEI(name)%20LIKE%20%27puerto%25%27")["numberMatched"], 3);  // Montt, Varas, Octay
  EXPECT_EQ(get_json("/collections/communes/items?filter=code%20IN%20(%2705101%27,%2713101%27)")["numberMatched"], 2);
  EXPECT_EQ(get_json("/collections/communes/items?filter=S_INTERSECTS(geometry,POINT(-70.65%20-33.44))")["features"][0]["id"], "13101");
  EXPECT_EQ(get_json("/collections/communes/items?filter=S_WITHIN(geometry,BBOX(-71.7,-33.2,-71.3,-32.9))")["numberMatched"].get<int>() >= 1, true);
  const json sorted = get_json("/collections/regions/items?sortby=-population&limit=1&properties=name,population");
  EXPECT_EQ(sorted["features"][0]["id"], "13");
  EXPECT_EQ(sorted["features"][0]["properties"].size(), 2u);
  const json years = get_json("/collections/initiatives/items?datetime=2015/2017&limit=100");
  for (const auto& f : years["features"]) {
    if (f["properties"]["year"].is_null()) continue;  // no time: always matched
    EXPECT_GE(f["properties"]["year"].get<int>(), 2015);
    EXPECT_LE(f["properties"]["year"].get<int>(), 2017);
  }
  // No fixture record has a year: each has no temporal geometry, so datetime matches it (Part 1).
  EXPECT_EQ(get_json("/collections/initiatives/items?datetime=1990")["numberMatched"], 29);
  EXPECT_EQ(get_json("/collections/communes/items?datetime=2018-02-12T23:20:50Z")["numberMatched"], 345);
  EXPECT_EQ(get_json("/collections/initiatives/items/60")["properties"]["province_codes"], "102");
}

TEST(OgcHttp, ErrorsAreProblems) {
  HttpClient c;
  for (const char* bad : {"/collections/communes/items?limite=5", "/collections/communes/items?limit=0",
                          "/collections/communes/items?limit=abc", "/collections/communes/items?offset=-1",
                          "/collections/communes/items?bbox=1,2,3", "/collections/communes/items?bbox=a,b,c,d",
                          "/collections/communes/items?bbox=-71,-33,-72,-34", "/collections/communes/items?bbox=0,-95,1,1",
                          "/collections/communes/items?crs=EPSG:9999", "/collections/communes/items?bbox-crs=foo&bbox=1,2,3,4",
                          "/collections/communes/items?filter=population%3D", "/collections/communes/items?filter=nombre%3D1",
                          "/collections/communes/items?sortby=nombre", "/collections/communes/items?properties=x",
                          "/collections/communes/items?f=xml", "/collections/communes/items?datetime=2015-02-29",
                          "/collections/communes/items?datetime=2015-01-01T24:00:00Z",
                          "/collections/communes/items?datetime=2015-01-01T10:00:00",
                          "/collections/communes/items?filter=population%3E%27mucho%27",
                          "/collections/communes/items?filter=UPPER(name)%3D%27X%27",
                          "/collections/initiatives/items?datetime=20x5", "/collections/initiatives/items?datetime=2018/2015",
                          "/collections/communes/items?population=many", "/collections/communes/items?limit=1&limit=2",
                          "/collections/communes/items?filter-lang=cql2-json", "/collections?x=1",
                          "/collections/communes/items?f=gpkg&limit=100001",
                          "/collections/communes/items/13101?crs=bogus"}) {
    const auto r = c.get(server().url(bad));
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
    EXPECT_EQ(hdr(r, "content-type"), "application/problem+json") << bad;
    EXPECT_EQ(json::parse(r.body)["status"], 400) << bad;
  }
  for (const char* missing : {"/collections/nope", "/collections/nope/items", "/collections/communes/items/99999",
                              "/collections/nope/queryables"}) {
    const auto r = c.get(server().url(missing));
    EXPECT_EQ(r.status, 404) << missing;
    EXPECT_EQ(hdr(r, "content-type"), "application/problem+json") << missing;
  }
}

TEST(OgcHttp, CachingGzipCorsAndForwardedLinks) {
  HttpClient c;
  const std::string url = server().url("/collections/communes/items?limit=100");
  const auto first = c.get(url);
  ASSERT_FALSE(hdr(first, "etag").empty());
  EXPECT_EQ(hdr(first, "cache-control"), "no-cache");
  EXPECT_EQ(hdr(first, "access-control-allow-origin"), "*");
  const auto again = c.get(url, {{"If-None-Match", hdr(first, "etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(c.get(url, {{"If-None-Match", "W/\"other\""}}).status, 200);

  const auto gz = c.get(url, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(hdr(gz, "content-encoding"), "gzip");
  ASSERT_GT(gz.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz.body[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(gz.body[1]), 0x8b);
  EXPECT_LT(gz.body.size(), first.body.size());
  const std::string file = ::testing::TempDir() + "territorio_items.gz";
  std::ofstream(file, std::ios::binary) << gz.body;
  const std::string plain = test_support::run_command("gunzip -c " + file).output;
  EXPECT_EQ(json::parse(plain)["numberReturned"], 100);
  EXPECT_EQ(json::parse(plain)["features"], json::parse(first.body)["features"]);
  EXPECT_TRUE(hdr(c.get(url, {{"Accept-Encoding", "gzip;q=0"}}), "content-encoding").empty());

  const auto pre = c.request("OPTIONS", url, "", {{"Origin", "https://example.org"}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_EQ(pre.status, 204);
  EXPECT_NE(hdr(pre, "access-control-allow-methods").find("GET"), std::string::npos);

  const auto fwd = c.get(server().url("/collections/communes/items?limit=1"),
                         {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "territorio.example.cl"}});
  EXPECT_EQ(href(json::parse(fwd.body)["links"], "next").rfind("https://territorio.example.cl/collections/communes/items?", 0), 0u);
  test_support::ServerProcess public_server(TERRITORIO_TEST_STORE, {"--public-url", "https://gis.example.cl/api/"});
  const auto pub = c.get(public_server.url("/collections"));
  EXPECT_EQ(href(json::parse(pub.body)["links"], "self"), "https://gis.example.cl/api/collections");
}

TEST(OgcHttp, HtmlAndDownloads) {
  HttpClient c;
  for (const char* p : {"/", "/collections", "/collections/communes", "/collections/communes/items?limit=5",
                        "/collections/communes/items/05101", "/conformance", "/collections/communes/queryables"}) {
    const auto r = c.get(server().url(p), {{"Accept", "text/html,application/xhtml+xml"}});
    EXPECT_EQ(r.status, 200) << p;
    EXPECT_EQ(hdr(r, "content-type"), "text/html; charset=utf-8") << p;
    EXPECT_NE(r.body.find("<!DOCTYPE html>"), std::string::npos) << p;
  }
  const auto page = c.get(server().url("/collections/communes/items/05101?f=html"));
  EXPECT_NE(page.body.find("Valparaíso"), std::string::npos);
  EXPECT_NE(page.body.find("<canvas id=\"map\""), std::string::npos);
  EXPECT_NE(page.body.find("region_code"), std::string::npos);

  const auto csv = c.get(server().url("/collections/regions/items?f=csv&limit=100"));
  EXPECT_EQ(hdr(csv, "content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n') >= 17, true);
  EXPECT_NE(csv.body.find("MULTIPOLYGON"), std::string::npos);
  for (const char* f : {"gpkg", "fgb"}) {
    const auto r = c.get(server().url(std::string("/collections/regions/items?limit=100&f=") + f));
    ASSERT_EQ(r.status, 200) << f;
    const std::string file = ::testing::TempDir() + "territorio_regions." + f;
    std::ofstream(file, std::ios::binary) << r.body;
    const auto info = test_support::run_command("ogrinfo -ro -so -al " + file);
    EXPECT_NE(info.output.find("Feature Count: 16"), std::string::npos) << info.output;
    EXPECT_NE(info.output.find("region_code") == std::string::npos ? info.output.find("population") : 0u,
              std::string::npos);
  }
}

}  // namespace
