// The one caching policy (server/caching_policy.h) seen from a client: every
// data answer carries W/"g<generation>-..." and "no-cache", a revalidation
// with the current tag is a 304 with the same validators, different
// representations get different tags, and after an import no old tag is
// answered with 304 anywhere.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/caching_policy.h"
#include "tests/support/generation_wait.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test_support::HttpClient;
using test_support::ServerProcess;

class CachingPolicy : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("territorio_caching_policy_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    fs::copy_file(TERRITORIO_TEST_STORE, dir_ / "s.sqlite", fs::copy_options::overwrite_existing);
    server_ = std::make_unique<ServerProcess>((dir_ / "s.sqlite").string());
  }
  void TearDown() override {
    server_->stop();
    fs::remove_all(dir_);
  }

  // Representative data URLs: features, tiles, coverage, statistics, territories.
  std::vector<std::string> urls() {
    const auto items = client_.get(server_->url("/collections/initiatives/items?limit=1"));
    EXPECT_EQ(items.status, 200);
    const std::string id = json::parse(items.body)["features"][0]["id"].get<std::string>();
    return {"/collections/initiatives/items",
            "/collections/initiatives/items/" + id,
            "/collections",
            "/tiles/communes/14/4976/9809.mvt",
            "/tiles/communes/14/4976/9809.png",
            "/tiles/communes.json",
            "/coverage?level=commune&within=13",
            "/coverage?level=commune&within=13&f=csv",
            "/stats/initiatives?by=region",
            "/territories?q=santiago",
            "/territories/13101"};
  }

  fs::path dir_;
  std::unique_ptr<ServerProcess> server_;
  HttpClient client_;
};

server::http::Request request(std::string path, std::vector<std::pair<std::string, std::string>> query) {
  server::http::Request r;
  r.method = "GET";
  r.path = std::move(path);
  r.query = std::move(query);
  return r;
}

TEST(CachingPolicyTag, CanonicalQueryGenerationAndRepresentation) {
  using server::caching::data_etag;
  const auto ab = request("/coverage", {{"a", "1"}, {"b", "2"}});
  const auto ba = request("/coverage", {{"b", "2"}, {"a", "1"}});
  EXPECT_EQ(data_etag(ab, 7), data_etag(ba, 7));
  EXPECT_EQ(data_etag(ab, 7).rfind("W/\"g7-", 0), 0u) << data_etag(ab, 7);
  EXPECT_EQ(data_etag(ab, 7).size(), std::string("W/\"g7-").size() + 16 + 1);
  EXPECT_NE(data_etag(ab, 7), data_etag(ab, 8));
  EXPECT_NE(data_etag(ab, 7), data_etag(ab, 7, "html"));
  EXPECT_NE(data_etag(ab, 7), data_etag(request("/coverage.", {{"a", "1"}, {"b", "2"}}), 7));
  // Repeated names keep their order: it may matter (properties=a&properties=b).
  EXPECT_NE(data_etag(request("/x", {{"p", "a"}, {"p", "b"}}), 1), data_etag(request("/x", {{"p", "b"}, {"p", "a"}}), 1));
  // Separators keep names, values and parameters apart.
  EXPECT_NE(data_etag(request("/x", {{"a", "b&c=d"}}), 1), data_etag(request("/x", {{"a", "b"}, {"c", "d"}}), 1));
  EXPECT_NE(data_etag(request("/x", {{"ab", ""}}), 1), data_etag(request("/x", {{"a", "b"}}), 1));
}

TEST(CachingPolicyTag, OnlyGetAndHeadAreAnsweredWith304) {
  auto r = request("/x", {});
  const server::caching::Validator v = server::caching::data_validator(r, 3);
  r.headers.emplace_back("if-none-match", v.etag);
  EXPECT_TRUE(server::caching::client_is_current(r, v));
  r.method = "POST";
  EXPECT_FALSE(server::caching::client_is_current(r, v));
}

std::string tag_prefix(std::int64_t generation) { return "W/\"g" + std::to_string(generation) + "-"; }

// Whether a tag is of this generation: W/"g<generation>-...", or an
// initiative's W/"r<revision>-g<generation>-..." (caching_policy.h).
bool tagged_with(std::string etag, std::int64_t generation) {
  if (etag.rfind("W/\"r", 0) == 0 && etag.find('-') != std::string::npos) etag.erase(3, etag.find('-') - 2);
  return etag.rfind(tag_prefix(generation), 0) == 0;
}

TEST_F(CachingPolicy, SameUrlSameTagAnd304) {
  const std::int64_t generation = test_support::served_generation(client_, *server_);
  for (const std::string& path : urls()) {
    const auto first = client_.get(server_->url(path));
    ASSERT_EQ(first.status, 200) << path;
    const std::string etag = first.headers.at("etag");
    EXPECT_TRUE(tagged_with(etag, generation)) << path << ": " << etag;
    EXPECT_EQ(first.headers.at("cache-control"), "no-cache") << path;
    const auto again = client_.get(server_->url(path));
    EXPECT_EQ(again.headers.at("etag"), etag) << path;
    for (const std::string& field : {etag, etag.substr(2), "\"other\", " + etag}) {
      const auto revalidated = client_.get(server_->url(path), {{"If-None-Match", field}});
      EXPECT_EQ(revalidated.status, 304) << path << " with " << field;
      EXPECT_EQ(revalidated.body, "") << path;
      EXPECT_EQ(revalidated.headers.at("etag"), etag) << path;
      EXPECT_EQ(revalidated.headers.at("cache-control"), "no-cache") << path;
    }
  }
}

TEST_F(CachingPolicy, WhatSelectsTheRepresentationSelectsTheTag) {
  const auto tag = [&](const std::string& path, const test_support::HeaderList& headers = {}) {
    const auto r = client_.get(server_->url(path), headers);
    EXPECT_EQ(r.status, 200) << path;
    return r.headers.count("etag") ? r.headers.at("etag") : std::string();
  };
  // Other queries, other tags.
  EXPECT_NE(tag("/coverage?level=commune&within=13"), tag("/coverage?level=commune&within=05"));
  EXPECT_NE(tag("/coverage?level=commune&within=13"), tag("/coverage?level=commune&within=13&f=csv"));
  EXPECT_NE(tag("/collections/initiatives/items"), tag("/collections/initiatives/items?limit=2"));
  EXPECT_NE(tag("/tiles/communes/14/4976/9809.mvt"), tag("/tiles/communes/14/4976/9809.mvt?year=1900"));
  EXPECT_NE(tag("/tiles/communes/14/4976/9809.png"), tag("/tiles/communes/14/4976/9809.png?measure=covered"));
  // The query in another order is the same answer.
  EXPECT_EQ(tag("/coverage?level=commune&within=13"), tag("/coverage?within=13&level=commune"));
  // Accept negotiation and the base URL select the bytes too.
  EXPECT_NE(tag("/collections"), tag("/collections", {{"Accept", "text/html"}}));
  EXPECT_NE(tag("/collections"), tag("/collections", {{"X-Forwarded-Host", "example.org"}}));
  // gzip or identity: the same weak tag (the same answer, RFC 9110 8.8.1).
  EXPECT_EQ(tag("/collections/initiatives/items"), tag("/collections/initiatives/items", {{"Accept-Encoding", "gzip"}}));
}

TEST_F(CachingPolicy, ProbesAreNeverStored) {
  for (const char* path : {"/healthz", "/readyz", "/metrics"}) {
    const auto r = client_.get(server_->url(path));
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.headers.at("cache-control"), "no-store") << path;
    EXPECT_EQ(r.headers.count("etag"), 0u) << path;
  }
}

TEST_F(CachingPolicy, AnImportChangesEveryTagAndNo304Survives) {
  const std::int64_t generation = test_support::served_generation(client_, *server_);
  std::map<std::string, std::string> before;
  const auto paths = urls();
  for (const std::string& path : paths) {
    const auto r = client_.get(server_->url(path));
    ASSERT_EQ(r.status, 200) << path;
    before[path] = r.headers.at("etag");
  }
  std::ofstream(dir_ / "new.csv") << "id,name,footprint_codes\nz1,Plaza de Armas,13101\n";
  const auto imported = test_support::run_command(std::string(TERRITORIO_BIN) + " import --store " +
                                                  (dir_ / "s.sqlite").string() + " " + (dir_ / "new.csv").string());
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  ASSERT_EQ(test_support::wait_for_generation(client_, *server_, generation + 1), generation + 1);
  for (const std::string& path : paths) {
    const auto after = client_.get(server_->url(path), {{"If-None-Match", before[path]}});
    EXPECT_EQ(after.status, 200) << path;
    const std::string etag = after.headers.count("etag") ? after.headers.at("etag") : std::string();
    EXPECT_NE(etag, before[path]) << path;
    EXPECT_TRUE(tagged_with(etag, generation + 1)) << path << ": " << etag;
  }
}

}  // namespace
