// layers::join_csv_upload / join_geojson_upload called directly: the
// liberal reading of odd but valid input, and the record counts by basis.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "layers/join/upload_join.h"
#include "tests/support/fixture_store.h"

namespace {

const layers::Catalog& catalog() { return test_support::fixture_registry().catalog(); }

struct JoinedCsv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  layers::UploadReport report;
};

// The rows the CSV join hands to its sink, copied.
JoinedCsv join_csv(const std::string& text) {
  JoinedCsv out;
  out.report = layers::join_csv_upload(catalog(), text, [&](const std::vector<std::string_view>& fields) {
    std::vector<std::string> row(fields.begin(), fields.end());
    if (out.header.empty()) out.header = std::move(row);
    else out.rows.push_back(std::move(row));
  });
  return out;
}

struct JoinedGeoJson {
  nlohmann::ordered_json collection;
  layers::UploadReport report;
};

JoinedGeoJson join_geojson(const std::string& text) {
  std::string out;
  JoinedGeoJson j;
  j.report = layers::join_geojson_upload(catalog(), text, out);
  j.collection = nlohmann::ordered_json::parse(out);
  return j;
}

TEST(UploadJoin, CsvWithBomCrlfBlankLinesAndQuotedFields) {
  const std::string text =
      "\xEF\xBB\xBF\"Name\",\"Longitude\",\"Latitude\"\r\n"
      "\"Plaza, \"\"Chillán\"\"\",-72.1034,-36.6066\r\n"
      "\r\n"
      "\"multi\nline\", -70.6506 , -33.4378 \r\n";
  const auto j = join_csv(text);
  ASSERT_EQ(j.rows.size(), 2u);
  EXPECT_EQ(j.header.size(), 14u);
  EXPECT_EQ(j.header[0], "Name");
  EXPECT_EQ(j.rows[0][0], "Plaza, \"Chillán\"");
  EXPECT_EQ(j.rows[0][3], "16101");
  EXPECT_EQ(j.rows[1][0], "multi\nline");
  EXPECT_EQ(j.rows[1][3], "13101");
  EXPECT_EQ(j.report.records, 2u);
  EXPECT_EQ(j.report.by_basis.at("point_in_polygon"), 2u);
}

TEST(UploadJoin, CsvWktPolygonsAndPoints) {
  const std::string text =
      "id,wkt\n"
      "1,\"POLYGON((-72.15 -36.58,-72.05 -36.58,-72.05 -36.66,-72.15 -36.66,-72.15 -36.58))\"\n"
      "2,\"MULTIPOINT((-72.1034 -36.6066),(-70.6506 -33.4378))\"\n"
      "3,\"LINESTRING(-72 -36,-71 -36)\"\n"
      "4,\n";
  const auto j = join_csv(text);
  ASSERT_EQ(j.rows.size(), 4u);
  EXPECT_EQ(j.rows[0].back(), "polygon_overlap");
  EXPECT_EQ(j.rows[1][2], "16101;13101");
  EXPECT_EQ(j.rows[1][6], "16;13");
  EXPECT_EQ(j.rows[2].back(), "unsupported_geometry");
  EXPECT_EQ(j.rows[3].back(), "no_geometry");
}

TEST(UploadJoin, GeoJsonMultiGeometriesAndNames) {
  const std::string text = R"({"type":"FeatureCollection","features":[
    {"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[-72.1034,-36.6066]]}},
    {"type":"Feature","properties":{"n":"x"},"geometry":{"type":"MultiPolygon","coordinates":[
      [[[-72.15,-36.58],[-72.05,-36.58],[-72.05,-36.66],[-72.15,-36.66],[-72.15,-36.58]]]]}}]})";
  const auto j = join_geojson(text);
  EXPECT_EQ(j.report.records, 2u);
  EXPECT_EQ(j.collection["features"][0]["properties"]["commune_code"], "16101");
  EXPECT_EQ(j.collection["features"][1]["properties"]["n"], "x");
  EXPECT_EQ(j.collection["features"][1]["properties"]["join_basis"], "polygon_overlap");
  EXPECT_THROW(join_geojson(R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"join_basis":1},"geometry":null}]})"),
               layers::UploadError);
  try {
    join_geojson(R"({"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}]})");
    FAIL();
  } catch (const layers::UploadError& e) {
    EXPECT_STREQ(e.what(), "features[0]: a polygon ring must end where it starts");
  }
}

}  // namespace
