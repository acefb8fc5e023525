// Downloads (f=gpkg|fgb|csv) read by real GDAL: every collection whole by
// default (ogrinfo's count = numberMatched), typed columns (integers as
// Integer64, reals as Real, booleans as Integer(Boolean), the CSV through
// its .csvt), in the requested CRS (.prj for CSV), limit up to the download
// cap with Link headers to the neighbouring downloads, a 400 past the cap,
// HEAD with the length of the GET.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.h"
#include "tests/support/raw_socket.h"
#include "tests/support/server_process.h"

namespace {

using nlohmann::json;
using test_support::HttpClient;
using test_support::run_command;

test_support::ServerProcess& server() {
  static test_support::ServerProcess s(TERRITORIO_TEST_STORE);
  return s;
}

std::string hdr(const test_support::HttpResult& r, const std::string& name) {
  const auto it = r.headers.find(name);
  return it == r.headers.end() ? "" : it->second;
}

json get_json(HttpClient& c, const std::string& path) {
  const auto r = c.get(server().url(path));
  EXPECT_EQ(r.status, 200) << path;
  return json::parse(r.body);
}

// Saves a response body as dir/name, returning the path.
std::string save(const std::string& name, const std::string& bytes) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// Downloads path into a fresh file name.ext (CSV: with its .csvt and .prj,
// fetched from the same query with f=csvt and f=prj, as a user would).
std::string download(HttpClient& c, const std::string& name, const std::string& format, const std::string& query = "") {
  const std::string base = "/collections/" + name + "/items?f=";
  const auto r = c.get(server().url(base + format + query));
  EXPECT_EQ(r.status, 200) << name << " " << format << query << ": " << r.body.substr(0, 300);
  const std::string file = "territorio_dl_" + name + "_" + std::to_string(std::hash<std::string>{}(query));
  if (format == "csv") {
    for (const char* companion : {"csvt", "prj"}) {
      const auto extra = c.get(server().url(base + companion + query));
      EXPECT_EQ(extra.status, 200) << companion;
      save(file + "." + companion, extra.body);
    }
  }
  return save(file + "." + format, r.body);
}

int feature_count(const std::string& ogrinfo) {
  const auto p = ogrinfo.find("Feature Count: ");
  return p == std::string::npos ? -1 : std::stoi(ogrinfo.substr(p + 15));
}

// "name: Integer64 (0.0)" lines of ogrinfo -so: field -> OGR type.
std::map<std::string, std::string> field_types(const std::string& ogrinfo) {
  std::map<std::string, std::string> out;
  static const std::regex line(R"(^(\w+): (\w+(\(\w+\))?) \()");
  std::istringstream in(ogrinfo);
  for (std::string l; std::getline(in, l);) {
    std::smatch m;
    if (std::regex_search(l, m, line) && m[1] != "INFO" && m[1] != "Geometry" && m[1] != "Extent")
      out[m[1]] = m[2];
  }
  return out;
}

// The OGR type a property of this JSON type must have in a download.
std::string ogr_type(const json& schema_type) {
  const std::string t = schema_type.is_array() ? schema_type[0].get<std::string>() : schema_type.get<std::string>();
  return t == "integer" ? "Integer64" : t == "number" ? "Real" : t == "boolean" ? "Integer(Boolean)" : "String";
}

TEST(Downloads, EveryCollectionWholeTypedInEveryFormat) {
  HttpClient c;
  for (const auto& coll : get_json(c, "/collections")["collections"]) {
    const std::string name = coll["id"];
    const json all = get_json(c, "/collections/" + name + "/items?limit=10000");
    const int matched = all["numberMatched"];
    ASSERT_EQ(all["numberReturned"], matched) << name;
    int with_geometry = 0;
    for (const auto& f : all["features"]) with_geometry += !f["geometry"].is_null();
    const json schema = get_json(c, "/collections/" + name + "/schema");
    for (const std::string format : {"gpkg", "fgb", "csv"}) {
      const std::string file = download(c, name, format);
      const auto info = run_command("ogrinfo -ro -so -al " + file);
      ASSERT_EQ(info.exit_code, 0) << info.output;
      // GDAL 3.6's FlatGeobuf writer keeps only features with a geometry.
      EXPECT_EQ(feature_count(info.output), format == "fgb" ? with_geometry : matched) << name << " " << format;
      const auto types = field_types(info.output);
      EXPECT_EQ(types.at("id"), "String") << name << " " << format;
      for (const auto& [prop, def] : schema["properties"].items()) {
        if (prop == "geometry" || prop == "id") continue;
        ASSERT_TRUE(types.count(prop)) << name << " " << format << " lacks " << prop << "\n" << info.output;
        EXPECT_EQ(types.at(prop), ogr_type(def["type"])) << name << " " << format << " " << prop;
      }
      EXPECT_NE(info.output.find("WGS 84"), std::string::npos) << name << " " << format;
    }
  }
}

TEST(Downloads, HeadersCountsAndCompanions) {
  HttpClient c;
  const auto r = c.get(server().url("/collections/communes/items?f=gpkg"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(hdr(r, "content-type"), "application/geopackage+sqlite3");
  EXPECT_EQ(hdr(r, "content-disposition"), "attachment; filename=\"communes.gpkg\"");
  EXPECT_EQ(hdr(r, "ogc-numbermatched"), "345");
  EXPECT_EQ(hdr(r, "ogc-numberreturned"), "345");
  EXPECT_EQ(hdr(r, "content-crs"), "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
  EXPECT_EQ(hdr(r, "content-length"), std::to_string(r.body.size()));
  EXPECT_EQ(hdr(r, "link"), "");
  EXPECT_EQ(r.body.substr(0, 16), std::string("SQLite format 3\0", 16));
  // HEAD: the GET's length, no body.
  const auto head = c.request("HEAD", server().url("/collections/communes/items?f=gpkg"));
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(hdr(head, "content-length"), std::to_string(r.body.size()));
  EXPECT_TRUE(head.body.empty());
  // The same connection answers the next request after a streamed body.
  EXPECT_EQ(c.get(server().url("/collections/communes/items?f=fgb")).status, 200);
  EXPECT_EQ(c.get(server().url("/collections/communes/items/05101")).status, 200);

  const auto csvt = c.get(server().url("/collections/communes/items?f=csvt"));
  EXPECT_EQ(csvt.status, 200);
  EXPECT_EQ(csvt.body, "WKT,String,String,String,String,String,String,String,Integer64,Real,Integer64,Integer64\n");
  EXPECT_EQ(hdr(csvt, "content-disposition"), "attachment; filename=\"communes.csvt\"");
  EXPECT_EQ(c.get(server().url("/collections/initiatives/items?f=csvt&properties=name,year,field_visit")).body,
            "WKT,String,String,Integer64,Integer(Boolean)\n");
  const auto prj = c.get(server().url("/collections/communes/items?f=prj&crs=EPSG:32719"));
  EXPECT_EQ(prj.body.rfind("PROJCS[\"WGS 84 / UTM zone 19S\"", 0), 0u) << prj.body;
  EXPECT_NE(prj.body.find("AUTHORITY[\"EPSG\",\"32719\"]]"), std::string::npos) << prj.body;
  EXPECT_EQ(c.get(server().url("/collections/communes/items?f=prj")).body.rfind("GEOGCS[\"WGS 84\"", 0), 0u);
  const auto csv = c.get(server().url("/collections/communes/items?f=csv&region_code=05"));
  EXPECT_EQ(hdr(csv, "link"),
            "<" + server().url("/collections/communes/items?region_code=05&f=csvt") +
                ">; rel=\"describedby\"; type=\"text/csv\", <" +
                server().url("/collections/communes/items?region_code=05&f=prj") +
                ">; rel=\"describedby\"; type=\"text/plain\"");
}

// A streamed body keeps its place among pipelined requests: the answers
// come whole and in order, a HEAD says the GET's length, and a closing
// request ends the connection after its body.
TEST(Downloads, StreamedBodiesKeepPipelinedOrder) {
  HttpClient c;
  const auto whole = c.get(server().url("/collections/communes/items?f=gpkg"));
  const std::string get = "GET /collections/communes/items?f=gpkg HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string health = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  test_support::RawSocket socket(static_cast<std::uint16_t>(server().port()));
  socket.send_all(get + health + "HEAD /collections/communes/items?f=gpkg HTTP/1.1\r\nHost: x\r\n\r\n" + health +
                  "GET /collections/communes/items?f=gpkg HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::string length = "Content-Length: " + std::to_string(whole.body.size()) + "\r\n";
  for (int i = 0; i < 5; ++i) {
    const std::string r = socket.read_response(i == 2);
    ASSERT_EQ(r.rfind("HTTP/1.1 200", 0), 0u) << i;
    const std::string body = r.substr(r.find("\r\n\r\n") + 4);
    if (i % 2 == 1) {
      EXPECT_EQ(body, R"({"status":"ok"})") << i;
    } else {
      EXPECT_NE(r.find(length), std::string::npos) << i;
      EXPECT_EQ(body.size(), i == 2 ? 0u : whole.body.size()) << i;
    }
  }
  EXPECT_TRUE(socket.closed_by_server());  // after the last body
}

TEST(Downloads, LimitOffsetAndTheirLinks) {
  HttpClient c;
  const auto first = c.get(server().url("/collections/communes/items?f=gpkg&limit=5&sortby=-population"));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(hdr(first, "ogc-numberreturned"), "5");
  EXPECT_EQ(hdr(first, "link"), "<" + server().url("/collections/communes/items?f=gpkg&limit=5&sortby=-population&offset=5") +
                                    ">; rel=\"next\"; type=\"application/geopackage+sqlite3\"");
  const std::string file = save("territorio_dl_top5.gpkg", first.body);
  const auto top = run_command("ogrinfo -ro -q " + file + " communes -sql \"SELECT code FROM communes ORDER BY population DESC\"");
  const std::string largest = get_json(c, "/collections/communes/items?sortby=-population&limit=1")["features"][0]["id"];
  EXPECT_NE(top.output.find("code (String) = " + largest), std::string::npos) << top.output;
  EXPECT_EQ(feature_count(run_command("ogrinfo -ro -so " + file + " communes").output), 5);

  const auto last = c.get(server().url("/collections/communes/items?f=fgb&offset=340&limit=100"));
  EXPECT_EQ(hdr(last, "ogc-numberreturned"), "5");
  EXPECT_EQ(hdr(last, "link"), "<" + server().url("/collections/communes/items?f=fgb&limit=100&offset=240") +
                                   ">; rel=\"prev\"; type=\"application/flatgeobuf\"");
  // Without limit, from offset to the end.
  const auto rest = c.get(server().url("/collections/communes/items?f=csv&offset=300"));
  EXPECT_EQ(hdr(rest, "ogc-numberreturned"), "45");
  EXPECT_EQ(std::count(rest.body.begin(), rest.body.end(), '\n'), 46);

  // The cap: allowed at it, a problem past it; GeoJSON pages still clamp.
  EXPECT_EQ(c.get(server().url("/collections/census-zones/items?f=csv&limit=100000")).status, 200);
  for (const char* bad : {"limit=100001", "limit=0", "limit=99999999999999999999", "limit=x"}) {
    const auto r = c.get(server().url(std::string("/collections/communes/items?f=gpkg&") + bad));
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(hdr(r, "content-type"), "application/problem+json") << bad;
    EXPECT_EQ(json::parse(r.body)["parameter"], "limit") << bad;
  }
  EXPECT_EQ(c.get(server().url("/collections/census-zones/items?limit=100001")).status, 200);

  // A GeoJSON page's download alternates say the page's size, now that a
  // download without limit holds everything.
  const std::string page = c.get(server().url("/collections/communes/items?offset=20&f=html")).body;
  EXPECT_NE(page.find("href=\"" + server().url("/collections/communes/items?offset=20&amp;f=gpkg&amp;limit=10") + "\""),
            std::string::npos);
  EXPECT_NE(page.find("href=\"" + server().url("/collections/communes/items?offset=20&amp;f=json") + "\""),
            std::string::npos);
  const json coll = get_json(c, "/collections/communes");
  std::map<std::string, std::string> enclosures;
  for (const auto& l : coll["links"])
    if (l["rel"] == "enclosure") enclosures[l["type"]] = l["href"];
  EXPECT_EQ(enclosures.at("application/flatgeobuf"), server().url("/collections/communes/items?f=fgb"));
}

// The first x y of ogrinfo's dump of a one-feature file.
std::pair<double, double> first_xy(const std::string& ogrinfo) {
  const auto p = ogrinfo.find("MULTIPOLYGON (((");
  EXPECT_NE(p, std::string::npos) << ogrinfo;
  std::istringstream in(ogrinfo.substr(p + 16));
  double x = 0, y = 0;
  in >> x >> y;
  return {x, y};
}

TEST(Downloads, InTheRequestedCrs) {
  HttpClient c;
  const std::string utm = "&crs=http://www.opengis.net/def/crs/EPSG/0/32719";
  const json item = get_json(c, "/collections/communes/items/05101?crs=http://www.opengis.net/def/crs/EPSG/0/32719");
  const double x = item["geometry"]["coordinates"][0][0][0][0], y = item["geometry"]["coordinates"][0][0][0][1];
  for (const std::string format : {"gpkg", "fgb", "csv"}) {
    const auto r = c.get(server().url("/collections/communes/items?f=" + format + utm));
    EXPECT_EQ(hdr(r, "content-crs"), "<http://www.opengis.net/def/crs/EPSG/0/32719>");
    const std::string file = download(c, "communes", format, utm);
    const auto info = run_command("ogrinfo -ro -so -al " + file);
    EXPECT_EQ(feature_count(info.output), 345) << format;
    EXPECT_NE(info.output.find("UTM zone 19S"), std::string::npos) << format << info.output;
    const std::string one = download(c, "communes", format, utm + "&code=05101");
    const auto [fx, fy] = first_xy(run_command("ogrinfo -ro -al " + one).output);
    EXPECT_NEAR(fx, x, 0.006) << format;  // GeoJSON rounds metres to 2 decimals
    EXPECT_NEAR(fy, y, 0.006) << format;
  }
  // EPSG:4326 files are longitude first like CRS84 ones (GIS formats' order).
  const std::string file = download(c, "communes", "gpkg", "&crs=EPSG:4326&code=05101");
  const auto [lon, lat] = first_xy(run_command("ogrinfo -ro -al " + file).output);
  EXPECT_LT(lon, -70);
  EXPECT_GT(lat, -34);
  EXPECT_LT(lat, -32);
}

}  // namespace
