// The streaming upload readers of layers/join/upload_join.h called directly:
// exact output bytes of the GeoJSON written back, and each UploadLimit at a
// small value so that its message is checked exactly.
#include <gtest/gtest.h>

#include <string>

#include "layers/join/upload_join.h"
#include "tests/support/fixture_store.h"

namespace {

const layers::Catalog& catalog() { return test_support::fixture_registry().catalog(); }

std::string geojson(const std::string& text, const layers::UploadLimits& limits = {}) {
  std::string out;
  layers::join_geojson_upload(catalog(), text, out, limits);
  return out;
}

std::size_t csv_rows(const std::string& text, const layers::UploadLimits& limits = {}) {
  std::size_t rows = 0;
  layers::join_csv_upload(catalog(), text, [&](const std::vector<std::string_view>&) { ++rows; }, limits);
  return rows;
}

// The message of the UploadError (or UploadLimitExceeded, if limit) thrown by f.
template <typename F>
std::string refusal(F f, bool limit = false) {
  try {
    f();
  } catch (const layers::UploadLimitExceeded& e) {
    EXPECT_TRUE(limit) << e.what();
    return e.what();
  } catch (const layers::UploadError& e) {
    EXPECT_FALSE(limit) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "accepted";
  return "";
}

const std::string kNothing =
    R"("commune_code":"","commune_name":"","province_code":"","province_name":"","region_code":"",)"
    R"("region_name":"","province_code_2007":"","province_name_2007":"","region_code_2007":"",)"
    R"("region_name_2007":"","join_basis":"no_geometry")";

TEST(UploadReader, GeoJsonIsWrittenBackCompactWithItsMemberOrderAndNumbers) {
  const std::string in = R"({ "name" : "x\u00e9", "type":"FeatureCollection", "features":[
    {"geometry":null, "type":"Feature", "properties":{"b":1.50,"a":[true,null,{"k":-0}],"s":"\"q\"\n",
     "f":[1.0,-2E3,1e-7,123456789012345678901234]}, "id":7},
    {"type":"Feature","properties":null,"geometry":null},
    {"type":"Feature","properties":{},"geometry":null},
    {"type":"Feature","geometry":null}
  ], "bbox":[1,2,3,4]})";
  EXPECT_EQ(geojson(in), std::string(R"({"name":"xé","type":"FeatureCollection","features":[)") +
                             R"({"geometry":null,"type":"Feature","properties":{"b":1.5,"a":[true,null,{"k":0}],)" +
                             R"("s":"\"q\"\n","f":[1.0,-2000.0,1e-07,1.2345678901234569e+23],)" + kNothing + R"(},"id":7},)" +
                             R"({"type":"Feature","properties":{)" + kNothing + R"(},"geometry":null},)" +
                             R"({"type":"Feature","properties":{)" + kNothing + R"(},"geometry":null},)" +
                             R"({"type":"Feature","geometry":null,"properties":{)" + kNothing + "}}" +
                             R"(],"bbox":[1,2,3,4]})");
}

TEST(UploadReader, GeometryIsKeptAndJoined) {
  const std::string out = geojson(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
    "geometry":{"coordinates":[-72.1034,-36.6066],"type":"Point"}}]})");
  EXPECT_NE(out.find(R"("geometry":{"coordinates":[-72.1034,-36.6066],"type":"Point"})"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("commune_code":"16101")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("join_basis":"point_in_polygon")"), std::string::npos) << out;
}

TEST(UploadReader, GeoJsonLimits) {
  layers::UploadLimits small;
  small.max_features = 2;
  small.max_depth = 7;  // a polygon's positions are at depth 7
  small.max_geometry_vertices = 5;
  small.max_upload_vertices = 6;
  const std::string head = R"({"type":"FeatureCollection","features":[)";
  const std::string empty = R"({"type":"Feature","properties":{},"geometry":null})";
  EXPECT_EQ(refusal([&] { geojson(head + empty + "," + empty + "," + empty + "]}", small); }, true),
            "features[2]: the upload has more than 2 features, the limit");
  EXPECT_EQ(refusal([&] { geojson(head + R"({"type":"Feature","properties":{"a":[[[[1]]]]}}]})", small); }),
            "features[0]: JSON nested deeper than 7 levels, the limit");
  layers::UploadLimits short_strings;
  short_strings.max_string_bytes = 17;  // "FeatureCollection"
  EXPECT_EQ(refusal([&] { geojson(head + R"({"type":"Feature","properties":{"a":"123456789012345678"}}]})",
                                  short_strings); }, true),
            "features[0]: a string is longer than 17 bytes, the limit");
  EXPECT_EQ(refusal([&] { geojson(R"({"type":"FeatureCollection","featuresfeatures12":[]})", short_strings); }, true),
            "a string is longer than 17 bytes, the limit");
  const std::string ring5 = "[[[-70,-33],[-70,-34],[-71,-34],[-71,-33],[-70,-33]]]";
  const std::string ring6 = "[[[-70,-33],[-70,-34],[-71,-34],[-71,-33.5],[-71,-33],[-70,-33]]]";
  auto polygon = [&](const std::string& rings) {
    return R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":)" + rings + "}}";
  };
  EXPECT_EQ(refusal([&] { geojson(head + polygon(ring6) + "]}", small); }, true),
            "features[0]: a geometry has more than 5 vertices, the limit per geometry");
  EXPECT_EQ(refusal([&] { geojson(head + polygon(ring5) + "," + polygon(ring5) + "]}", small); }, true),
            "features[1]: the upload has more than 6 vertices, the limit per upload");
  EXPECT_NO_THROW(geojson(head + polygon(ring5) + "]}", small));
}

TEST(UploadReader, GeoJsonStructure) {
  const std::string head = R"({"type":"FeatureCollection","features":[)";
  EXPECT_EQ(refusal([&] { geojson(head + R"({"type":"Feature","geometry":null,"geometry":null}]})"); }),
            "features[0]: the feature has two geometry members");
  EXPECT_EQ(refusal([&] { geojson(head + R"({"type":"Feature","geometry":[]}]})"); }),
            "features[0]: geometry must be an object or null");
  EXPECT_EQ(refusal([&] { geojson(head + R"({"type":"Feature","geometry":{"type":"Point","coordinates":[[1,2]]}}]})"); }),
            "features[0]: a position must be an array [lon, lat] of numbers");
  EXPECT_EQ(refusal([&] { geojson(head + R"({"type":"Feature","geometry":{"type":"Point","coordinates":[200,2]}}]})"); }),
            "features[0]: position [200, 2] is not a lon/lat pair");
  EXPECT_EQ(refusal([&] { geojson(head + R"({"type":"Feature","geometry":{"type":"Point"}}]})"); }),
            "features[0]: Point without coordinates");
  EXPECT_EQ(refusal([&] { geojson(R"({"features":[]})"); }), "the upload must be a GeoJSON FeatureCollection");
  EXPECT_EQ(refusal([&] { geojson(R"({"type":"FeatureCollection"})"); }), "the FeatureCollection has no features array");
  EXPECT_EQ(refusal([&] { geojson(R"([])"); }), "the upload must be a GeoJSON FeatureCollection");
  EXPECT_EQ(refusal([&] { geojson(head + "]} x"); }),
            "not valid JSON: parse error at line 1, column 44: syntax error while parsing value - invalid literal");
}

TEST(UploadReader, CsvLimits) {
  layers::UploadLimits small;
  small.max_csv_records = 2;
  small.max_geometry_vertices = 5;
  small.max_upload_vertices = 6;
  EXPECT_EQ(csv_rows("n,lon,lat\na,-70,-33\n\nb,-70,-33\n", small), 3u);
  EXPECT_EQ(refusal([&] { csv_rows("n,lon,lat\na,-70,-33\nb,-70,-33\nc,-70,-33\n", small); }, true),
            "line 4: the upload has more than 2 records, the limit");
  layers::UploadLimits short_fields;
  short_fields.max_string_bytes = 8;
  EXPECT_EQ(refusal([&] { csv_rows("n,lon,lat\n\"abcd\"\"efgh\",-70,-33\n", short_fields); }, true),
            "line 2: a field is longer than 8 bytes, the limit");
  EXPECT_EQ(refusal([&] { csv_rows("n,lon,lat\nabcdefghi,-70,-33\n", short_fields); }, true),
            "line 2: a field is longer than 8 bytes, the limit");
  EXPECT_EQ(refusal([&] { csv_rows("n,wkt\na,\"MULTIPOINT(1 2,3 4,5 6,7 8,9 10,11 12)\"\n", small); }, true),
            "line 2: a geometry has more than 5 vertices, the limit per geometry");
  EXPECT_EQ(refusal([&] { csv_rows("n,wkt\na,\"MULTIPOINT(1 2,3 4,5 6)\"\nb,\"MULTIPOINT(1 2,3 4,5 6,7 8)\"\n", small); },
                    true),
            "line 3: the upload has more than 6 vertices, the limit per upload");
  EXPECT_EQ(refusal([&] { csv_rows(std::string(1001, ',') + "lon,lat\n"); }, true),
            "line 1: the header has more than 1000 columns, the limit");
  EXPECT_EQ(refusal([&] { csv_rows("n,lon,lat\na,-70,-33" + std::string(100000, ',') + "\n"); }),
            "line 2: 100003 fields where the header has 3");
  EXPECT_EQ(refusal([&] { csv_rows("n,lon,lat\na,-70," + std::string(100, '9') + "\n"); }),
            "line 2: lat 9999999999999999999999999999999999999999 is out of range");
  EXPECT_EQ(refusal([&] { csv_rows("n,lon,lat\na,-70," + std::string(100, 'x') + "\n"); }),
            "line 2: lat 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not a decimal number");
}

}  // namespace
