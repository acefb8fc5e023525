// POST /join: uploads of points and polygons come back with their units;
// bad uploads are refused naming the line or feature.
#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "layers/store/csv_table.h"
#include "tests/support/served_store_test.h"

namespace {

using nlohmann::json;

class JoinUpload : public test_support::ServedStoreTest {
 protected:
  test_support::HttpResult post(const std::string& body, const std::string& type) {
    return client_.post(server_->url("/join"), body, type);
  }
  void expect_400(const std::string& body, const std::string& type, const std::string& detail) {
    const auto r = post(body, type);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.headers.at("content-type"), "application/problem+json");
    EXPECT_EQ(json::parse(r.body)["detail"], detail) << body;
  }
};

// Splits an RFC 4180 body without quoted fields into rows.
std::vector<std::vector<std::string>> rows_of(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::stringstream lines(csv);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields;
    std::stringstream fs(line);
    std::string f;
    while (std::getline(fs, f, ',')) fields.push_back(f);
    if (!line.empty() && line.back() == ',') fields.push_back("");
    rows.push_back(fields);
  }
  return rows;
}

// The 4,865 census zone points (CSV and GeoJSON) join to the commune INE
// assigns them to, as the in-process join does (tests/layers/join/census_join_test).
TEST_F(JoinUpload, CensusZonePointsGetTheirIneCommunes) {
  const auto zones = layers::read_csv(std::string(TERRITORIO_DATA_DIR) + "/census_zones_2017.csv");
  std::string csv = "zone_code,ine_commune,lon,lat\n";
  json features = json::array();
  for (const auto& z : zones.rows) {
    csv += z[0] + "," + z[1] + "," + z[2] + "," + z[3] + "\n";
    features.push_back({{"type", "Feature"},
                        {"properties", {{"zone_code", z[0]}, {"ine_commune", z[1]}}},
                        {"geometry", {{"type", "Point"}, {"coordinates", {std::stod(z[2]), std::stod(z[3])}}}}});
  }
  const auto r = post(csv, "text/csv");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  EXPECT_EQ(r.headers.at("content-type"), "text/csv; charset=utf-8; header=present");
  const auto rows = rows_of(r.body);
  ASSERT_EQ(rows.size(), zones.rows.size() + 1);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"zone_code", "ine_commune", "lon", "lat", "commune_code",
                                               "commune_name", "province_code", "province_name", "region_code",
                                               "region_name", "province_code_2007", "province_name_2007",
                                               "region_code_2007", "region_name_2007", "join_basis"}));
  std::size_t same = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 15u) << i;
    EXPECT_EQ(rows[i][0], zones.rows[i - 1][0]);  // same records, same order
    same += rows[i][4] == rows[i][1] ? 1 : 0;
  }
  EXPECT_GE(static_cast<double>(same) / static_cast<double>(zones.rows.size()), 0.999);

  const auto g = post(json{{"type", "FeatureCollection"}, {"features", features}}.dump(), "application/geo+json");
  ASSERT_EQ(g.status, 200);
  EXPECT_EQ(g.headers.at("content-type"), "application/geo+json");
  const json out = json::parse(g.body);
  ASSERT_EQ(out["features"].size(), zones.rows.size());
  std::size_t same_geojson = 0, agree = 0;
  for (std::size_t i = 0; i < zones.rows.size(); ++i) {
    const json& p = out["features"][i]["properties"];
    same_geojson += p["commune_code"] == p["ine_commune"] ? 1 : 0;
    agree += p["commune_code"] == rows[i + 1][4] ? 1 : 0;
  }
  EXPECT_EQ(same_geojson, same);
  EXPECT_EQ(agree, zones.rows.size());
}

TEST_F(JoinUpload, PointAndPolygonRecordsInBothDivisions) {
  // Chillán's main square, a point in Europe, a point with no location, and a
  // WKT polygon over Chillán and Chillán Viejo.
  const std::string csv =
      "name,lon,lat\r\n"
      "chillan,-72.1034,-36.6066\r\n"
      "europe,10,45\r\n"
      "\"none, really\",,\r\n";
  const auto r = post(csv, "text/csv; charset=utf-8");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto rows = rows_of(r.body);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"chillan", "-72.1034", "-36.6066", "16101", "Chillán", "161",
                                               "Diguillín", "16", "Ñuble", "084", "Ñuble", "08", "Biobío",
                                               "point_in_polygon"}));
  EXPECT_EQ(rows[2].back(), "outside_chile");
  EXPECT_EQ(rows[2][3], "");
  EXPECT_NE(r.body.find("\"none, really\",,,,,,,,,,,,,no_geometry\r\n"), std::string::npos) << r.body;

  const std::string geojson = R"({"type":"FeatureCollection","name":"mine","features":[
    {"type":"Feature","id":7,"properties":{"z":1,"a":2},"geometry":{"type":"Polygon","coordinates":
      [[[-72.15,-36.58],[-72.05,-36.58],[-72.05,-36.66],[-72.15,-36.66],[-72.15,-36.58]]]}},
    {"type":"Feature","properties":null,"geometry":null},
    {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[-72,-36],[-71,-36]]}}]})";
  const auto g = post(geojson, "application/json");
  ASSERT_EQ(g.status, 200) << g.body;
  const auto out = nlohmann::ordered_json::parse(g.body);
  EXPECT_EQ(out["name"], "mine");
  const auto& p = out["features"][0]["properties"];
  EXPECT_EQ(out["features"][0]["id"], 7);
  EXPECT_EQ(p.begin().key(), "z");  // the upload's member order is kept
  EXPECT_NE(p["commune_code"].get<std::string>().find("16101"), std::string::npos);
  EXPECT_EQ(p["region_code"], "16");
  EXPECT_EQ(p["region_code_2007"], "08");
  EXPECT_EQ(p["join_basis"], "polygon_overlap");
  EXPECT_EQ(out["features"][1]["properties"]["join_basis"], "no_geometry");
  EXPECT_EQ(out["features"][2]["properties"]["join_basis"], "unsupported_geometry");
}

TEST_F(JoinUpload, MalformedCsvNamesTheLine) {
  expect_400("name,lon,lat\na,-70.6,-33.4\nb,-70.6\n", "text/csv", "line 3: 2 fields where the header has 3");
  expect_400("name,lon,lat\na,-70.6,-33.4\nb,west,-33.4\n", "text/csv", "line 3: lon 'west' is not a decimal number");
  expect_400("name,lon,lat\n\"a\nb\",-70.6,-33.4\nc,-70.6,-95\n", "text/csv", "line 4: lat -95 is out of range");
  expect_400("name,lon,lat\n\"a,-70.6,-33.4\n", "text/csv", "line 2: a quoted field is not closed");
  expect_400("name,x\na,1\n", "text/csv", "line 1: a longitude column without a latitude column");
  expect_400("name,place\na,1\n", "text/csv", "line 1: the header needs lon and lat columns (or a wkt column)");
  expect_400("name,commune_code,lon,lat\na,1,-70,-33\n", "text/csv",
             "line 1: the upload already has a column named commune_code");
  const auto r = post("name,wkt\na,\"POLYGON((1 2, 3\"\n", "text/csv");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["detail"].get<std::string>().rfind("line 2: unreadable wkt", 0), 0u) << r.body;
}

TEST_F(JoinUpload, MalformedGeoJsonNamesTheFeature) {
  const std::string head = R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-70.6,-33.4]}},)";
  expect_400(head + R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":["a",1]}}]})",
             "application/geo+json", "features[1]: a position must be an array [lon, lat] of numbers");
  expect_400(head + R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}}]})",
             "application/geo+json", "features[1]: a polygon ring needs at least 4 positions");
  expect_400(head + R"({"type":"Feature","properties":{},"geometry":{"type":"Circle","coordinates":[0,0]}}]})",
             "application/geo+json", "features[1]: unknown geometry type 'Circle'");
  expect_400(head + R"({"type":"Feature","properties":[1],"geometry":null}]})", "application/geo+json",
             "features[1]: properties must be an object or null");
  expect_400(head + R"("x"]})", "application/geo+json", "features[1]: not a GeoJSON Feature object");
  expect_400(R"({"type":"Feature","properties":{},"geometry":null})", "application/geo+json",
             "the upload must be a GeoJSON FeatureCollection");
  const auto r = post("{\"type\":\n\"FeatureCollection\",\n\"features\": [}", "application/geo+json");
  EXPECT_EQ(r.status, 400);
  const std::string detail = json::parse(r.body)["detail"];
  EXPECT_EQ(detail.rfind("not valid JSON: parse error at line 3, column", 0), 0u) << detail;
}

TEST_F(JoinUpload, SizeTypeAndEmptiness) {
  const auto big = post(std::string((20u << 20) + 1, ' '), "text/csv");
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(json::parse(big.body)["limit_bytes"], 20u << 20);
  const auto bigger = post(std::string(33u << 20, ' '), "application/geo+json");
  EXPECT_EQ(bigger.status, 413);
  const auto xml = post("<a/>", "application/xml");
  EXPECT_EQ(xml.status, 415);
  EXPECT_EQ(json::parse(xml.body)["allowed"],
            json::parse(R"(["application/geo+json","application/json","text/csv"])"));
  expect_400("", "text/csv", "the upload is empty");
  EXPECT_EQ(client_.get(server_->url("/join")).status, 405);
}

}  // namespace
