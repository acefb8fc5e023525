// OGC API - Features Part 4 on /collections/initiatives as a regional
// government uses it: an editor token for Biobío creates, patches and
// deletes a record there, is refused elsewhere, and two editors never
// overwrite each other silently.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "tests/layers/edit/write_fixture.h"

namespace {

using nlohmann::json;
using test_support::bearer;
using test_support::feature_body;
using test_support::HeaderList;
using test_support::HttpResult;

class Writes : public ::testing::Test {
 protected:
  // One server for the suite (a TempDir needs a running test: a plain directory here).
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("territorio-writes-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    server_ = new test_support::WriteServer(dir_.string());
  }
  static void TearDownTestSuite() {
    delete server_;
    std::filesystem::remove_all(dir_);
  }
  HttpResult send(const std::string& method, const std::string& path, const std::string& body = "",
                  const HeaderList& headers = {}) {
    return client_.request(method, server_->url(path), body, headers);
  }
  HttpResult post(const std::string& body, const std::string& token) {
    return send("POST", "/collections/initiatives/items", body,
                bearer(token, {{"Content-Type", "application/geo+json"}}));
  }
  HttpResult patch(const std::string& id, const std::string& body, const std::string& token, const std::string& etag) {
    HeaderList h = {{"Content-Type", "application/merge-patch+json"}};
    if (!etag.empty()) h.emplace_back("If-Match", etag);
    return send("PATCH", "/collections/initiatives/items/" + id, body, bearer(token, h));
  }
  static void expect_problem(const HttpResult& r, long status) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type") : "", "application/problem+json");
    const json p = json::parse(r.body);
    EXPECT_EQ(p.at("status"), status);
  }
  inline static std::filesystem::path dir_;
  inline static test_support::WriteServer* server_ = nullptr;
  test_support::HttpClient client_;
};

TEST_F(Writes, AnEditorCreatesPatchesAndDeletesInItsRegion) {
  const HttpResult created = post(feature_body("w-life", "Mesa de cuidados de Concepción"), server_->biobio);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.headers.at("location"), server_->url("/collections/initiatives/items/w-life"));
  const std::string etag = created.headers.at("etag");
  EXPECT_EQ(etag.substr(0, 4), "W/\"r");
  json f = json::parse(created.body);
  EXPECT_EQ(f["id"], "w-life");
  EXPECT_EQ(f["properties"]["commune_codes"], "08101") << "the response carries the joined units";
  EXPECT_EQ(f["properties"]["province_codes"], "081");
  EXPECT_EQ(f["properties"]["region_codes"], "08");
  EXPECT_EQ(f["properties"]["region_codes_2007"], "08");
  EXPECT_EQ(f["geometry"]["type"], "MultiPolygon") << "a code footprint is drawn as its communes";

  const HttpResult read = send("GET", "/collections/initiatives/items/w-life");
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.headers.at("etag"), etag) << "GET and the write agree on the record's tag";

  const HttpResult patched = patch("w-life", R"({"properties":{"name":"Mesa de cuidados del Gran Concepción"}})",
                                   server_->biobio, etag);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_NE(patched.headers.at("etag"), etag);
  f = json::parse(patched.body);
  EXPECT_EQ(f["properties"]["name"], "Mesa de cuidados del Gran Concepción");
  EXPECT_EQ(f["properties"]["institution"], "Gobierno Regional") << "a merge patch keeps what it does not name";
  EXPECT_EQ(f["properties"]["commune_codes"], "08101");

  const HttpResult deleted = send("DELETE", "/collections/initiatives/items/w-life", "",
                                  bearer(server_->biobio, {{"If-Match", patched.headers.at("etag")}}));
  EXPECT_EQ(deleted.status, 204) << deleted.body;
  EXPECT_EQ(deleted.body, "");
  EXPECT_EQ(send("GET", "/collections/initiatives/items/w-life").status, 404);
}

TEST_F(Writes, AnEditorIsRefusedOutsideItsRegion) {
  // Santiago (13101), and a footprint that crosses into Ñuble (16101 Chillán).
  expect_problem(post(feature_body("w-stgo", "Fuera", "13101"), server_->biobio), 403);
  expect_problem(post(feature_body("w-cross", "Cruza", "08101;16101"), server_->biobio), 403);
  // A record of the seed in El Bosque (13105), Región Metropolitana.
  const HttpResult seed = send("GET", "/collections/initiatives/items/64");
  ASSERT_EQ(seed.status, 200);
  expect_problem(patch("64", R"({"properties":{"name":"x"}})", server_->biobio, seed.headers.at("etag")), 403);
  // Moving a Biobío record into Ñuble is refused too: after counts as much as before.
  const HttpResult mine = post(feature_body("w-move", "Se muda"), server_->biobio);
  ASSERT_EQ(mine.status, 201) << mine.body;
  expect_problem(patch("w-move", R"({"properties":{"footprint_codes":"16101"}})", server_->biobio,
                       mine.headers.at("etag")), 403);
  // Ñuble's editor may not take it either (its footprint before is Biobío's).
  expect_problem(patch("w-move", R"({"properties":{"footprint_codes":"16101"}})", server_->nuble,
                       mine.headers.at("etag")), 403);
  // No location at all: admins only.
  json unknown = json::parse(feature_body("w-nowhere", "Sin lugar"));
  unknown["properties"]["footprint_kind"] = "unknown";
  unknown["properties"].erase("footprint_codes");
  expect_problem(post(unknown.dump(), server_->biobio), 403);
  EXPECT_EQ(post(unknown.dump(), server_->admin).status, 201);
  EXPECT_EQ(send("GET", "/collections/initiatives/items/w-stgo").status, 404) << "nothing was written";
  EXPECT_EQ(send("GET", "/collections/initiatives/items/w-cross").status, 404);
}

TEST_F(Writes, NoValidTokenIs401WithAChallenge) {
  const std::string body = feature_body("w-anon", "Anónima");
  const HttpResult none = send("POST", "/collections/initiatives/items", body, {{"Content-Type", "application/geo+json"}});
  expect_problem(none, 401);
  EXPECT_EQ(none.headers.at("www-authenticate"), "Bearer realm=\"territorio\"");
  const std::string forged = server_->biobio.substr(0, server_->biobio.size() - 4) + "AAAA";
  const HttpResult bad = post(body, forged);
  expect_problem(bad, 401);
  EXPECT_EQ(bad.headers.at("www-authenticate"), "Bearer realm=\"territorio\", error=\"invalid_token\"");
  EXPECT_EQ(json::parse(bad.body)["detail"], "the bearer token is not valid (unknown, expired or revoked)")
      << "the answer does not say which";
  expect_problem(send("POST", "/collections/initiatives/items", body,
                      {{"Content-Type", "application/geo+json"}, {"Authorization", "Basic dXNlcjpwYXNz"}}), 401);
  EXPECT_EQ(send("GET", "/collections/initiatives/items/w-anon").status, 404);
}

TEST_F(Writes, TwoEditorsWithOneVersionOneWinsOneIsTold412) {
  const HttpResult created = post(feature_body("w-race", "Original"), server_->biobio);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string etag = created.headers.at("etag");
  // A write to another record changes the generation, not this record's version.
  ASSERT_EQ(post(feature_body("w-race-other", "Otra"), server_->biobio).status, 201);
  const HttpResult first = patch("w-race", R"({"properties":{"name":"Primera"}})", server_->biobio, etag);
  const HttpResult second = patch("w-race", R"({"properties":{"name":"Segunda"}})", server_->biobio, etag);
  EXPECT_EQ(first.status, 200) << first.body;
  expect_problem(second, 412);
  EXPECT_EQ(json::parse(send("GET", "/collections/initiatives/items/w-race").body)["properties"]["name"], "Primera");
  expect_problem(patch("w-race", R"({"properties":{"name":"Sin versión"}})", server_->biobio, ""), 428);
  expect_problem(send("DELETE", "/collections/initiatives/items/w-race", "", bearer(server_->biobio)), 428);
  EXPECT_EQ(send("GET", "/collections/initiatives/items/w-race").status, 200) << "nothing lost";
}

TEST_F(Writes, HistoryListsEveryVersionWithWhoAndWhen) {
  const HttpResult created = post(feature_body("w-hist", "Versión uno"), server_->biobio);
  ASSERT_EQ(created.status, 201) << created.body;
  const HttpResult patched =
      patch("w-hist", R"({"properties":{"name":"Versión dos"}})", server_->admin, created.headers.at("etag"));
  ASSERT_EQ(patched.status, 200) << patched.body;
  const HttpResult h = send("GET", "/collections/initiatives/items/w-hist/history");
  ASSERT_EQ(h.status, 200) << h.body;
  const json doc = json::parse(h.body);
  ASSERT_EQ(doc["versions"].size(), 2u) << h.body;
  const json& v1 = doc["versions"][0];
  const json& v2 = doc["versions"][1];
  EXPECT_EQ(v1["operation"], "create");
  EXPECT_EQ(v1["token"]["name"], "GORE Biobío");
  EXPECT_EQ(v1["before"], nullptr);
  EXPECT_EQ(v1["after"]["properties"]["name"], "Versión uno");
  EXPECT_EQ(v2["operation"], "update");
  EXPECT_EQ(v2["token"]["name"], "SUBDERE");
  EXPECT_EQ(v2["before"]["properties"]["name"], "Versión uno");
  EXPECT_EQ(v2["after"]["properties"]["name"], "Versión dos");
  EXPECT_EQ(patched.headers.at("etag").rfind("W/\"r" + std::to_string(v2["revision"].get<long>()) + "-", 0), 0u)
      << "the tag names the revision the history lists";
  EXPECT_EQ(v1["time"].get<std::string>().size(), 20u) << "UTC, to the second";
  EXPECT_EQ(h.body.find("trt_"), std::string::npos) << "token names only, never secrets";
  EXPECT_EQ(send("GET", "/collections/initiatives/items/never-was/history").status, 404);
}

// The value of a counter in /metrics.
long metric(const std::string& text, const std::string& name) {
  const auto at = text.find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::stol(text.substr(at + name.size() + 2));
}

TEST_F(Writes, ChangesSinceAGenerationListWhatChanged) {
  const json ready = json::parse(send("GET", "/readyz").body);
  const long since = ready["generation"].get<long>();
  const long writes = metric(send("GET", "/metrics").body, "territorio_writes_total");
  ASSERT_GE(writes, 0);
  ASSERT_EQ(post(feature_body("w-chg", "Cambio"), server_->biobio).status, 201);
  EXPECT_EQ(metric(send("GET", "/metrics").body, "territorio_writes_total"), writes + 1);
  const HttpResult r = send("GET", "/changes?since=" + std::to_string(since));
  ASSERT_EQ(r.status, 200) << r.body;
  const json doc = json::parse(r.body);
  EXPECT_EQ(doc["since"], since);
  EXPECT_EQ(doc["generation"], since + 1);
  ASSERT_EQ(doc["changes"].size(), 1u) << r.body;
  EXPECT_EQ(doc["changes"][0]["id"], "w-chg");
  EXPECT_EQ(doc["changes"][0]["operation"], "create");
  expect_problem(send("GET", "/changes"), 400);

  expect_problem(send("GET", "/changes?since=-1"), 400);
}

TEST_F(Writes, BadBodiesAre4xxAndWriteNothing) {
  const HeaderList geojson = bearer(server_->biobio, {{"Content-Type", "application/geo+json"}});
  expect_problem(send("POST", "/collections/initiatives/items", "{\"type\":\"Feature\",", geojson), 400);
  expect_problem(send("POST", "/collections/initiatives/items", feature_body("w-bad", "X", "99999"), geojson), 400);
  json outside = json::parse(feature_body("w-bad", "Fuera de Chile"));
  outside["properties"]["footprint_kind"] = "points";
  outside["geometry"] = {{"type", "Point"}, {"coordinates", {2.35, 48.85}}};
  expect_problem(send("POST", "/collections/initiatives/items", outside.dump(), geojson), 400);
  expect_problem(send("POST", "/collections/initiatives/items", feature_body("w-bad", "X"),
                      bearer(server_->biobio, {{"Content-Type", "text/plain"}})), 415);
  EXPECT_EQ(send("GET", "/collections/initiatives/items/w-bad").status, 404);
}

// Each write reads the record before it is queued: one that is not there
// is a 404 from every method, and the server goes on.
TEST_F(Writes, WritesToARecordThatIsNotThereAre404) {
  const HeaderList any = bearer(server_->biobio, {{"If-Match", "*"}});
  HeaderList patch_type = any, put_type = any;
  patch_type.emplace_back("Content-Type", "application/merge-patch+json");
  put_type.emplace_back("Content-Type", "application/geo+json");
  expect_problem(send("PATCH", "/collections/initiatives/items/w-none", R"({"properties":{"name":"X"}})", patch_type),
                 404);
  expect_problem(send("PUT", "/collections/initiatives/items/w-none", feature_body("w-none", "X"), put_type), 404);
  expect_problem(send("DELETE", "/collections/initiatives/items/w-none", "", any), 404);
  EXPECT_EQ(send("GET", "/collections/initiatives/items/w-none").status, 404);
  EXPECT_EQ(post(feature_body("w-after-none", "Consejo comunal de Lota"), server_->biobio).status, 201);
}

TEST_F(Writes, OptionsNamesTheMethodsOfEachResource) {
  const HttpResult items = send("OPTIONS", "/collections/initiatives/items");
  EXPECT_EQ(items.status, 204);
  EXPECT_EQ(items.headers.at("allow"), "GET, HEAD, POST, OPTIONS");
  const HttpResult item = send("OPTIONS", "/collections/initiatives/items/64");
  EXPECT_EQ(item.status, 204);
  EXPECT_EQ(item.headers.at("allow"), "GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
}

TEST(WriteRate, ATokenOverItsRateGets429WithRetryAfter) {
  test_support::TempDir dir("territorio-write-rate");
  test_support::WriteServer server(dir.path(""), {"--write-burst", "2", "--write-rate", "1"});
  test_support::HttpClient client;
  const HeaderList h = bearer(server.biobio, {{"Content-Type", "application/geo+json"}});
  const auto url = server.url("/collections/initiatives/items");
  EXPECT_EQ(client.request("POST", url, feature_body("r1", "Uno"), h).status, 201);
  EXPECT_EQ(client.request("POST", url, feature_body("r2", "Dos"), h).status, 201);
  const HttpResult third = client.request("POST", url, feature_body("r3", "Tres"), h);
  EXPECT_EQ(third.status, 429) << third.body;
  EXPECT_GE(std::stoi(third.headers.at("retry-after")), 1);
  EXPECT_EQ(client.request("GET", server.url("/collections/initiatives/items/r3")).status, 404);
  // Another token is not slowed by this one.
  EXPECT_EQ(client.request("POST", url, feature_body("r4", "Cuatro"), bearer(server.admin, {{"Content-Type", "application/geo+json"}})).status, 201);
}

}  // namespace
