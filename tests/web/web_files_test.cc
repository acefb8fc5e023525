// The static files of the map page through the real router: media types,
// ETag and Cache-Control, 304 on If-None-Match, and every path that could
// leave web/ refused.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "layers/snapshot/registry_holder.h"
#include "server/http/response.h"
#include "server/http/router.h"
#include "server/http/url.h"
#include "server/options.h"
#include "server/routes.h"
#include "server/routes/web.h"
#include "server/routes/web_bundle.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using server::http::Request;
using server::http::Response;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string header(const Response& r, const char* name) { return server::http::find_header(r, name).value_or(""); }

class WebFilesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    holder_ = new layers::RegistryHolder(TERRITORIO_TEST_STORE);
    router_ = new server::http::Router(server::make_router(*holder_));
  }
  static void TearDownTestSuite() {
    delete router_;
    delete holder_;
  }

  static Response get(const std::string& target, std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request r;
    r.method = "GET";
    const auto t = server::http::split_target(target);
    r.path = std::string(t.path);
    r.query = server::http::parse_query(t.query);
    r.headers = std::move(headers);
    return router_->dispatch(std::move(r));
  }

  static inline layers::RegistryHolder* holder_ = nullptr;
  static inline server::http::Router* router_ = nullptr;
  const fs::path web_ = server::routes::default_web_dir();
};

TEST_F(WebFilesTest, MapIsTheIndexPageWithItsPolicy) {
  const Response r = get("/map");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, read_file(web_ / "index.html"));
  EXPECT_EQ(header(r, "Cache-Control"), "no-cache");
  EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
  const std::string csp = header(r, "Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("connect-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(get("/map?lang=en").status, 200);
}

TEST_F(WebFilesTest, EachKindOfFileHasItsMediaType) {
  struct Case {
    const char* target;
    const char* type;
    fs::path file;
  };
  const fs::path dist = web_ / "node_modules" / "maplibre-gl" / "dist";
  for (const Case& c : {Case{"/map/app.js", "text/javascript; charset=utf-8", web_ / "app.js"},
                        Case{"/map/map.css", "text/css; charset=utf-8", web_ / "map.css"},
                        Case{"/map/favicon.svg", "image/svg+xml", web_ / "favicon.svg"},
                        Case{"/map/i18n/es.json", "application/json", web_ / "i18n" / "es.json"},
                        Case{"/map/i18n/en.json", "application/json", web_ / "i18n" / "en.json"},
                        Case{"/map/vendor/maplibre-gl.mjs", "text/javascript; charset=utf-8", dist / "maplibre-gl.mjs"},
                        Case{"/map/vendor/maplibre-gl-worker.mjs?v=6.17.0", "text/javascript; charset=utf-8",
                             dist / "maplibre-gl-worker.mjs"},
                        Case{"/map/vendor/maplibre-gl.css", "text/css; charset=utf-8", dist / "maplibre-gl.css"}}) {
    const Response r = get(c.target);
    ASSERT_EQ(r.status, 200) << c.target << " " << r.body;
    EXPECT_EQ(r.content_type, c.type) << c.target;
    EXPECT_EQ(r.body, read_file(c.file)) << c.target;
    EXPECT_FALSE(header(r, "ETag").empty()) << c.target;
  }
  EXPECT_EQ(header(get("/map/app.js"), "Cache-Control"), "no-cache");
  EXPECT_EQ(header(get("/map/vendor/maplibre-gl.mjs"), "Cache-Control"), "public, max-age=86400");
}

TEST_F(WebFilesTest, BothLanguagesHaveTheSameStrings) {
  const auto es = nlohmann::json::parse(get("/map/i18n/es.json").body);
  const auto en = nlohmann::json::parse(get("/map/i18n/en.json").body);
  ASSERT_EQ(es.size(), en.size());
  for (const auto& [key, value] : es.items()) {
    ASSERT_TRUE(en.contains(key)) << key;
    EXPECT_FALSE(value.get<std::string>().empty()) << key;
  }
  EXPECT_EQ(es["title"], "Mapa de cobertura territorial");
  EXPECT_EQ(en["title"], "Territorial coverage map");
}

TEST_F(WebFilesTest, ConditionalRequestsGet304) {
  const Response first = get("/map/app.js");
  const std::string etag = header(first, "ETag");
  ASSERT_EQ(etag.substr(0, 3), "W/\"");
  const std::string opaque = etag.substr(2);
  for (const std::string& field : {etag, opaque, "\"other\", " + etag, std::string("*")}) {
    const Response again = get("/map/app.js", {{"if-none-match", field}});
    EXPECT_EQ(again.status, 304) << field;
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(header(again, "ETag"), etag);
    EXPECT_EQ(header(again, "Cache-Control"), "no-cache");
  }
  EXPECT_EQ(get("/map/app.js", {{"if-none-match", "\"other\""}}).status, 200);
  EXPECT_NE(header(get("/map/map.css"), "ETag"), etag);
}

TEST_F(WebFilesTest, NamesThatCouldLeaveTheFoldersAre400) {
  for (const char* target : {"/map/..%2Fpackage.json", "/map/%2e%2e", "/map/.hidden.js", "/map/i18n/..%2F..%2FREADME.md",
                             "/map/vendor/..%2F..%2F..%2Fpackage.json", "/map/vendor/%2Fetc%2Fpasswd",
                             "/map/a%5Cb.js", "/map/app.js%00.css", "/map/%20app.js"}) {
    const Response r = get(target);
    EXPECT_GE(r.status, 400) << target;
    EXPECT_LT(r.status, 500) << target;
    EXPECT_EQ(r.content_type, "application/problem+json") << target;
  }
  EXPECT_EQ(get("/map/..%2Fpackage.json").status, 400);
  EXPECT_EQ(get("/map/vendor/%2Fetc%2Fpasswd").status, 400);
}

TEST_F(WebFilesTest, FilesTheFolderDoesNotServeAre404) {
  for (const char* target : {"/map/index.html", "/map/package.json", "/map/package-lock.json", "/map/nope.js",
                             "/map/i18n/xx.json", "/map/i18n/es.js", "/map/vendor/maplibre-gl.d.ts",
                             "/map/vendor/nope.mjs", "/map/vendor/package.json", "/map/node_modules",
                             "/map/i18n", "/map/vendor"}) {
    const Response r = get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.content_type, "application/problem+json") << target;
  }
}

TEST_F(WebFilesTest, UnknownParametersAre400ButThePageTakesAny) {
  // The page's query is its own state, read by web/url-state.js.
  EXPECT_EQ(get("/map?foo=1&embed=1").status, 200);
  EXPECT_EQ(get("/map/app.js?x=1").status, 400);
  EXPECT_EQ(get("/map/vendor/maplibre-gl.mjs?v=1&v=2").status, 200);
}

TEST(WebFiles, ServesAnotherDirectoryGivenByTerritorioWeb) {
  test_support::TempDir dir("territorio-web");
  dir.write("index.html", "<!doctype html><title>x</title>\n");
  std::filesystem::create_directories(dir.path("i18n"));
  dir.write("i18n/es.json", "{\"title\":\"t\"}");
  // The variable is read with the other options; the routes are handed the directory.
  ASSERT_EQ(::setenv("TERRITORIO_WEB", dir.path("").c_str(), 1), 0);
  const char* argv[] = {"territorio", "serve"};
  const fs::path chosen = server::parse_options(2, argv).web_dir;
  ::unsetenv("TERRITORIO_WEB");
  EXPECT_EQ(fs::weakly_canonical(chosen), fs::weakly_canonical(dir.path("")));

  const server::routes::WebFiles files(chosen);
  Request r;
  r.method = "GET";
  r.path = "/map";
  EXPECT_EQ(files.page(r).body, "<!doctype html><title>x</title>\n");
  r.path_params["file"] = "es.json";
  EXPECT_EQ(files.strings_file(r).body, "{\"title\":\"t\"}");
}

TEST(WebFilesServer, TheRealServerServesThePageAndMapLibre) {
  test_support::ServerProcess server(TERRITORIO_TEST_STORE);
  test_support::HttpClient client;
  const auto page = client.get(server.url("/map"));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("/map/app.bundle.js"), std::string::npos);
  const auto bundle = client.get(server.url("/map/app.bundle.js"));
  EXPECT_EQ(bundle.status, 200);
  EXPECT_EQ(bundle.headers.at("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(bundle.body, server::routes::bundle_modules(server::routes::default_web_dir(), "app.js").text);
  const auto lib = client.get(server.url("/map/vendor/maplibre-gl.mjs"));
  EXPECT_EQ(lib.status, 200);
  EXPECT_EQ(lib.body.size(),
            fs::file_size(server::routes::default_web_dir() / "node_modules" / "maplibre-gl" / "dist" / "maplibre-gl.mjs"));
  const auto again = client.get(server.url("/map/vendor/maplibre-gl.mjs"), {{"If-None-Match", lib.headers.at("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(client.request("HEAD", server.url("/map")).status, 200);
}

}  // namespace
