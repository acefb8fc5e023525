// POST /imports: what `territorio import` takes, sent by a regional
// government: all records in its scope and new, one transaction, all or
// nothing, a report per record.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/layers/edit/write_fixture.h"

namespace {

using nlohmann::json;
using test_support::bearer;
using test_support::HttpResult;

constexpr const char* kHeader = "id,name,institution,area,footprint_division,footprint_codes\n";

class Imports : public ::testing::Test {
 protected:
  HttpResult import(const std::string& body, const std::string& token, const std::string& type = "text/csv") {
    return client_.request("POST", server_.url("/imports"), body, bearer(token, {{"Content-Type", type}}));
  }
  long count() {
    return json::parse(client_.get(server_.url("/collections/initiatives/items?limit=1")).body)["numberMatched"].get<long>();
  }
  test_support::TempDir dir_{"territorio-imports"};
  test_support::WriteServer server_{dir_.path("")};
  test_support::HttpClient client_;
};

TEST_F(Imports, AllInScopeAreWrittenTogetherWithAReport) {
  const long before = count();
  const HttpResult r = import(std::string(kHeader) +
                                  "b-1,Mesa rural de Yumbel,Municipalidad de Yumbel,Social,2018,08313\n"
                                  "b-2,Borde costero de Lota,Municipalidad de Lota,Económico,2018,08106\n",
                              server_.biobio);
  ASSERT_EQ(r.status, 201) << r.body;
  const json report = json::parse(r.body);
  EXPECT_EQ(report["imported"], 2);
  ASSERT_EQ(report["records"].size(), 2u);
  EXPECT_EQ(report["records"][0]["id"], "b-1");
  EXPECT_EQ(report["records"][0]["status"], "created");
  EXPECT_EQ(count(), before + 2);
  const json b2 = json::parse(client_.get(server_.url("/collections/initiatives/items/b-2")).body);
  EXPECT_EQ(b2["properties"]["commune_codes"], "08106");
  const json history = json::parse(client_.get(server_.url("/collections/initiatives/items/b-1/history")).body);
  ASSERT_EQ(history["versions"].size(), 1u);
  EXPECT_EQ(history["versions"][0]["operation"], "import");
  EXPECT_EQ(history["versions"][0]["token"]["name"], "GORE Biobío");
}

TEST_F(Imports, OneRecordOutOfScopeRefusesThemAll) {
  const long before = count();
  const HttpResult r = import(std::string(kHeader) +
                                  "c-1,En Biobío,Municipalidad de Lota,Social,2018,08106\n"
                                  "c-2,En Santiago,Municipalidad de Santiago,Social,2018,13101\n",
                              server_.biobio);
  ASSERT_EQ(r.status, 403) << r.body;
  const json problem = json::parse(r.body);
  EXPECT_EQ(problem["detail"], "nothing was imported: 1 of 2 records cannot be written (see records)");
  EXPECT_EQ(problem["records"][0]["status"], "created");
  EXPECT_EQ(problem["records"][1]["status"], "out_of_scope");
  EXPECT_EQ(count(), before) << "all or nothing";
  EXPECT_EQ(client_.get(server_.url("/collections/initiatives/items/c-1")).status, 404);
}

TEST_F(Imports, BadAndDuplicateRecordsAreNamed) {
  const HttpResult unknown = import(std::string(kHeader) + "d-1,Código inexistente,X,Social,2018,08999\n", server_.biobio);
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(json::parse(unknown.body)["records"][0]["status"], "invalid");
  // Record 64 of the seed exists already (and is not Biobío's: an admin imports it).
  const HttpResult dup = import(std::string(kHeader) + "64,Otra vez,X,Social,2018,13105\n", server_.admin);
  ASSERT_EQ(dup.status, 409) << dup.body;
  EXPECT_EQ(json::parse(dup.body)["records"][0]["status"], "exists");
  const HttpResult garbage = import("{\"type\":\"FeatureCollection\",\"features\":[", server_.biobio, "application/geo+json");
  EXPECT_EQ(garbage.status, 400) << garbage.body;
  EXPECT_EQ(json::parse(garbage.body)["detail"], "the body is not a readable GeoJSON file");
  EXPECT_EQ(import("a,b\n", server_.biobio, "text/plain").status, 415);
  EXPECT_EQ(client_.request("POST", server_.url("/imports"), std::string(kHeader), {{"Content-Type", "text/csv"}}).status, 401);
}

TEST_F(Imports, ARecordsVersionIsRestoredByPuttingItBack) {
  HttpResult created = client_.request(
      "POST", server_.url("/collections/initiatives/items"), test_support::feature_body("v-1", "Primer nombre"),
      bearer(server_.biobio, {{"Content-Type", "application/geo+json"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const HttpResult patched = client_.request(
      "PATCH", server_.url("/collections/initiatives/items/v-1"), R"({"properties":{"name":"Segundo nombre"}})",
      bearer(server_.biobio, {{"Content-Type", "application/merge-patch+json"}, {"If-Match", created.headers.at("etag")}}));
  ASSERT_EQ(patched.status, 200) << patched.body;
  const json history = json::parse(client_.get(server_.url("/collections/initiatives/items/v-1/history")).body);
  const std::string first = history["versions"][0]["after"].dump();
  const HttpResult restored = client_.request(
      "PUT", server_.url("/collections/initiatives/items/v-1"), first,
      bearer(server_.biobio, {{"Content-Type", "application/geo+json"}, {"If-Match", patched.headers.at("etag")}}));
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_EQ(json::parse(restored.body)["properties"]["name"], "Primer nombre");
  const json after = json::parse(client_.get(server_.url("/collections/initiatives/items/v-1/history")).body);
  ASSERT_EQ(after["versions"].size(), 3u);
  EXPECT_EQ(after["versions"][2]["operation"], "replace");
  EXPECT_EQ(after["versions"][2]["after"], history["versions"][0]["after"]) << "the restored version is the first one";
  // A PUT naming another id than its URL is refused.
  const HttpResult other = client_.request(
      "PUT", server_.url("/collections/initiatives/items/v-1"), test_support::feature_body("v-2", "X"),
      bearer(server_.biobio, {{"Content-Type", "application/geo+json"}, {"If-Match", restored.headers.at("etag")}}));
  EXPECT_EQ(other.status, 400) << other.body;
}

TEST_F(Imports, ContentCrsReprojectsTheGeometry) {
  // Concepción's centre (-73.05, -36.82) in UTM 18S (EPSG:32718).
  const std::string body = R"({"type":"Feature","geometry":{"type":"Point","coordinates":[673921.00396,5923321.21595]},
    "properties":{"id":"u-1","name":"En UTM"}})";
  const HttpResult created = client_.request(
      "POST", server_.url("/collections/initiatives/items"), body,
      bearer(server_.biobio, {{"Content-Type", "application/geo+json"},
                              {"Content-Crs", "<http://www.opengis.net/def/crs/EPSG/0/32718>"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const json f = json::parse(created.body);
  EXPECT_EQ(f["properties"]["commune_codes"], "08101");
  EXPECT_NEAR(f["geometry"]["coordinates"][0].get<double>(), -73.05, 1e-5);
  EXPECT_NEAR(f["geometry"]["coordinates"][1].get<double>(), -36.82, 1e-5);
  const HttpResult unknown = client_.request(
      "POST", server_.url("/collections/initiatives/items"), body,
      bearer(server_.biobio, {{"Content-Type", "application/geo+json"}, {"Content-Crs", "<urn:nope>"}}));
  EXPECT_EQ(unknown.status, 400) << unknown.body;
}

}  // namespace
