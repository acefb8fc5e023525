// Many editors writing at the same moment, as the server commits them: in
// groups that share one transaction, each write succeeding or failing on
// its own. Whatever the grouping, every answer must be the one that write
// deserves, every acknowledged write must be stored with its own version,
// and nothing refused may leave a trace.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/sqlite/sqlite_db.h"
#include "tests/layers/edit/write_fixture.h"
#include "tests/support/temp_dir.h"

namespace {

using nlohmann::json;
using test_support::bearer;
using test_support::feature_body;
using test_support::HttpClient;
using test_support::HttpResult;

constexpr int kThreads = 8;

// Starts every thread's request together, to make the server group them.
template <typename Job>
std::vector<HttpResult> all_at_once(Job job) {
  std::vector<HttpResult> results(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      HttpClient client;
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();
      results[t] = job(client, t);
    });
  for (auto& th : threads) th.join();
  return results;
}

long revision_of(const std::string& etag) {  // W/"r<revision>-g<generation>-<hash>"
  return std::stol(etag.substr(etag.find('r') + 1));
}
long metric(const std::string& text, const std::string& name) {
  const auto at = text.find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::stol(text.substr(at + name.size() + 2));
}

// The hash of the content: the generation part moves with every later write.
std::string content_of(const std::string& etag) { return etag.substr(etag.rfind('-') + 1); }

TEST(ConcurrentWrites, EachWriteOfAGroupGetsItsOwnAnswerAndVersion) {
  test_support::TempDir dir("territorio-concurrent");
  test_support::WriteServer server(dir.path(""));
  HttpClient client;
  auto post = [&](HttpClient& c, const std::string& body, const std::string& token) {
    return c.request("POST", server.url("/collections/initiatives/items"), body,
                     bearer(token, {{"Content-Type", "application/geo+json"}}));
  };
  const long before = json::parse(client.get(server.url("/readyz")).body)["generation"].get<long>();
  const long items_before =
      json::parse(client.get(server.url("/collections/initiatives/items?limit=1")).body)["numberMatched"].get<long>();

  // Per round, thread t: 0-3 create new records, 4 and 5 create the same
  // id (one wins, one 409), 6 writes outside its region (403), 7 names a
  // commune that does not exist (400).
  std::set<long> revisions;
  int created = 0;
  for (int round = 0; round < 5; ++round) {
    const std::string r = std::to_string(round);
    const auto results = all_at_once([&](HttpClient& c, int t) {
      if (t < 4) return post(c, feature_body("cw-" + r + "-" + std::to_string(t), "Nueva " + r), server.biobio);
      if (t < 6) return post(c, feature_body("cw-" + r + "-twice", "Dos veces " + r), server.biobio);
      if (t == 6) return post(c, feature_body("cw-" + r + "-out", "Fuera " + r), server.nuble);
      return post(c, feature_body("cw-" + r + "-bad", "Mala " + r, "99999"), server.biobio);
    });
    for (int t = 0; t < 4; ++t) {
      ASSERT_EQ(results[t].status, 201) << results[t].body;
      EXPECT_TRUE(revisions.insert(revision_of(results[t].headers.at("etag"))).second) << "a version of its own";
      ++created;
    }
    std::multiset<long> twice = {results[4].status, results[5].status};
    EXPECT_EQ(twice, (std::multiset<long>{201, 409})) << results[4].body << results[5].body;
    for (int t = 4; t < 6; ++t)
      if (results[t].status == 201) {
        EXPECT_TRUE(revisions.insert(revision_of(results[t].headers.at("etag"))).second);
        ++created;
      }
    EXPECT_EQ(results[6].status, 403) << results[6].body;
    EXPECT_EQ(results[7].status, 400) << results[7].body;
    EXPECT_EQ(client.get(server.url("/collections/initiatives/items/cw-" + r + "-out")).status, 404);
    EXPECT_EQ(client.get(server.url("/collections/initiatives/items/cw-" + r + "-bad")).status, 404);
    // What each answer said is what is served: the same version and content.
    for (int t = 0; t < 6; ++t) {
      if (results[t].status != 201) continue;
      const std::string& location = results[t].headers.at("location");
      const HttpResult got = client.get(server.url(location.substr(location.find("/collections"))));
      ASSERT_EQ(got.status, 200);
      EXPECT_EQ(revision_of(got.headers.at("etag")), revision_of(results[t].headers.at("etag")));
      EXPECT_EQ(content_of(got.headers.at("etag")), content_of(results[t].headers.at("etag")));
    }
  }
  EXPECT_EQ(created, 5 * 5);
  EXPECT_EQ(json::parse(client.get(server.url("/collections/initiatives/items?limit=1")).body)["numberMatched"],
            items_before + created);
  // One generation per acknowledged write, each listed once in /changes.
  const json changes = json::parse(client.get(server.url("/changes?since=" + std::to_string(before))).body);
  EXPECT_EQ(changes["generation"], before + created);
  EXPECT_EQ(changes["changes"].size(), static_cast<std::size_t>(created));

  // Eight editors patch one record with the same version at once: one wins.
  const HttpResult base = post(client, feature_body("cw-race", "Original"), server.biobio);
  ASSERT_EQ(base.status, 201);
  const std::string etag = base.headers.at("etag");
  const auto patched = all_at_once([&](HttpClient& c, int t) {
    return c.request("PATCH", server.url("/collections/initiatives/items/cw-race"),
                     R"({"properties":{"name":"Versión )" + std::to_string(t) + R"("}})",
                     bearer(server.biobio, {{"Content-Type", "application/merge-patch+json"}, {"If-Match", etag}}));
  });
  int won = -1, refused = 0;
  for (int t = 0; t < kThreads; ++t) {
    if (patched[t].status == 200) {
      EXPECT_EQ(won, -1) << "a second PATCH of the same version succeeded";
      won = t;
    } else {
      EXPECT_EQ(patched[t].status, 412) << patched[t].body;
      ++refused;
    }
  }
  ASSERT_NE(won, -1);
  EXPECT_EQ(refused, kThreads - 1);
  const json stored = json::parse(client.get(server.url("/collections/initiatives/items/cw-race")).body);
  EXPECT_EQ(stored["properties"]["name"], "Versión " + std::to_string(won));

  // Every acknowledged write counted once; the commits that held them are
  // at most as many (how many fewer depends on timing: recorded, not asserted).
  const std::string metrics = client.get(server.url("/metrics")).body;
  EXPECT_EQ(metric(metrics, "territorio_writes_total"), created + 2);
  const long commits = metric(metrics, "territorio_write_commits_total");
  EXPECT_GE(commits, 1);
  EXPECT_LE(commits, created + 2);
  ::testing::Test::RecordProperty("write_commits", static_cast<int>(commits));
}

}  // namespace

namespace {

// territorio import in another process holds the store's write lock for
// longer than a write waits (5 s): the write is answered 503 with
// Retry-After, writes nothing, and succeeds once the lock is gone.
TEST(ConcurrentWrites, AWriteWhileAnImportHoldsTheStoreIs503ThenSucceeds) {
  test_support::TempDir dir("territorio-busy");
  test_support::WriteServer server(dir.path(""));
  HttpClient client;
  auto post = [&](const std::string& id) {
    return client.request("POST", server.url("/collections/initiatives/items"), feature_body(id, "Espera"),
                          bearer(server.biobio, {{"Content-Type", "application/geo+json"}}));
  };
  ASSERT_EQ(post("busy-before").status, 201);  // the server's writer is open
  {
    geo::Database other(server.store(), geo::Database::Mode::read_write_create);
    geo::Transaction held(other);  // BEGIN IMMEDIATE: the write lock, as an import takes it
    const HttpResult refused = post("busy-during");
    EXPECT_EQ(refused.status, 503) << refused.body;
    EXPECT_EQ(refused.headers.count("retry-after"), 1u);
    EXPECT_EQ(refused.headers.at("content-type"), "application/problem+json");
    EXPECT_EQ(json::parse(refused.body)["detail"],
              "the registry is busy with another write (an import): nothing was written; try again shortly");
  }
  EXPECT_EQ(client.get(server.url("/collections/initiatives/items/busy-during")).status, 404);
  EXPECT_EQ(post("busy-during").status, 201);
}

}  // namespace
