// POST /join against the real server with the uploads that crashed it or
// answered 500 (issue 13): each is now a 400 or 413 naming the feature or
// line and the limit, and the server keeps answering.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/served_store_test.h"

namespace {

using nlohmann::json;

class UploadLimits : public test_support::ServedStoreTest {
 protected:
  // Posts body and expects status with exactly this detail, then a live server.
  void expect_refused(const std::string& body, const std::string& type, long status, const std::string& detail) {
    const auto r = client_.post(server_->url("/join"), body, type);
    EXPECT_EQ(r.status, status) << body.substr(0, 200);
    EXPECT_EQ(r.headers.at("content-type"), "application/problem+json");
    EXPECT_EQ(json::parse(r.body)["detail"], detail);
    EXPECT_EQ(get("/healthz").status, 200);
  }
};

const std::string kHead = R"({"type":"FeatureCollection","features":[)";

TEST_F(UploadLimits, DeepNestingInPropertiesIsA400) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  expect_refused(kHead + R"({"type":"Feature","properties":{"x":)" + deep + R"(},"geometry":null}]})",
                 "application/geo+json", 400, "features[0]: JSON nested deeper than 64 levels, the limit");
}

TEST_F(UploadLimits, NestedGeometryCollectionsAreA400) {
  std::string g;
  for (int i = 0; i < 30000; ++i) g += R"({"type":"GeometryCollection","geometries":[)";
  for (int i = 0; i < 30000; ++i) g += "]}";
  expect_refused(kHead + R"({"type":"Feature","properties":{},"geometry":)" + g + "}]}", "application/geo+json", 400,
                 "features[0]: JSON nested deeper than 64 levels, the limit");
}

TEST_F(UploadLimits, NumberOutOfRangeIsA400NamingTheFeature) {
  expect_refused(kHead + R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1e999,0]}}]})",
                 "application/json", 400, "features[0]: number 1e999 is out of range");
  expect_refused(kHead + R"({"type":"Feature","properties":{"n":-1e400},"geometry":null}]})", "application/json", 400,
                 "features[0]: number -1e400 is out of range");
}

TEST_F(UploadLimits, InvalidUtf8IsA400NamingTheLineOrFeature) {
  expect_refused("name,lon,lat\na,-70.6,-33.4\nb\xff,-70.6,-33.4\n", "text/csv", 400,
                 "line 3: not valid UTF-8 text (byte 0xFF at column 2)");
  expect_refused("name,lon,lat\n\"a\nb\xc3\",-70.6,-33.4\n", "text/csv", 400,
                 "line 3: not valid UTF-8 text (byte 0xC3 at column 2)");
  expect_refused(kHead + R"({"type":"Feature","properties":{},"geometry":null},)" +
                     "{\"type\":\"Feature\",\"properties\":{\"n\":\"\xe9t\xe9\"},\"geometry\":null}]}",
                 "application/geo+json", 400,
                 "features[1]: not valid JSON: parse error at line 1, column 130: syntax error while parsing value - "
                 "invalid string: ill-formed UTF-8 byte");
}

TEST_F(UploadLimits, TooManyVerticesInOneGeometryIsA413) {
  std::string ring = "[0,0]";
  for (int i = 0; i < 200000; ++i) ring += ",[0,0]";
  expect_refused(kHead + R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[)" + ring +
                     "]]}}]}",
                 "application/geo+json", 413,
                 "features[0]: a geometry has more than 200000 vertices, the limit per geometry");
  std::string wkt = "0 0";
  for (int i = 0; i < 200000; ++i) wkt += ",0 0";
  expect_refused("id,wkt\n1,\"POLYGON((" + wkt + "))\"\n", "text/csv", 413,
                 "line 2: a geometry has more than 200000 vertices, the limit per geometry");
}

TEST_F(UploadLimits, DeepWktIsA400BeforeGeosReadsIt) {
  std::string wkt;
  for (int i = 0; i < 30000; ++i) wkt += "GEOMETRYCOLLECTION(";
  wkt += "POINT(0 0)" + std::string(30000, ')');
  expect_refused("id,wkt\n1,\"" + wkt + "\"\n", "text/csv", 400,
                 "line 2: wkt is nested deeper than 8 parentheses, the limit");
}

}  // namespace
