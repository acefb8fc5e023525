// /metrics: the Prometheus text a monitoring system scrapes. The router's
// counts per route and status class, the latency histogram, the tile cache
// and the data generation.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <sstream>
#include <string>

#include "server/http/route_metrics.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace {

using namespace std::chrono_literals;
using server::http::RouteMetrics;

// Every sample line "name{labels} value" of a text, by "name{labels}".
std::map<std::string, std::string> samples(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.rfind(' ');
    out[line.substr(0, space)] = line.substr(space + 1);
  }
  return out;
}

TEST(RouteMetrics, CountsByStatusClassAndBucketsByDuration) {
  RouteMetrics m;
  const std::size_t coverage = m.add_route("/coverage");
  m.add_route("/never");
  m.record(coverage, 200, 300us);
  m.record(coverage, 400, 2ms);
  m.record(coverage, 200, 1ms);  // a bound belongs to its bucket (le: less or equal)
  m.record(RouteMetrics::kNoRoute, 404, 5s);
  const auto s = samples(m.prometheus_text());
  EXPECT_EQ(s.at(R"(territorio_http_requests_total{route="/coverage",status="2xx"})"), "2");
  EXPECT_EQ(s.at(R"(territorio_http_requests_total{route="/coverage",status="4xx"})"), "1");
  EXPECT_EQ(s.at(R"(territorio_http_requests_total{route="none",status="4xx"})"), "1");
  EXPECT_EQ(s.count(R"(territorio_http_requests_total{route="/coverage",status="5xx"})"), 0u);
  EXPECT_EQ(s.count(R"(territorio_http_request_duration_seconds_count{route="/never"})"), 0u);
  const std::string b = R"(territorio_http_request_duration_seconds_bucket{route="/coverage",le=")";
  EXPECT_EQ(s.at(b + R"(0.0005"})"), "1");
  EXPECT_EQ(s.at(b + R"(0.001"})"), "2");
  EXPECT_EQ(s.at(b + R"(0.0025"})"), "3");
  EXPECT_EQ(s.at(b + R"(1"})"), "3");
  EXPECT_EQ(s.at(b + R"(+Inf"})"), "3");
  EXPECT_EQ(s.at(R"(territorio_http_request_duration_seconds_count{route="/coverage"})"), "3");
  EXPECT_EQ(s.at(R"(territorio_http_request_duration_seconds_sum{route="/coverage"})"), "0.0033");
  EXPECT_EQ(s.at(R"(territorio_http_request_duration_seconds_bucket{route="none",le="1"})"), "0");
  EXPECT_EQ(s.at(R"(territorio_http_request_duration_seconds_bucket{route="none",le="+Inf"})"), "1");
}

TEST(RouteMetrics, LabelValuesAreEscaped) {
  RouteMetrics m;
  m.record(m.add_route("/a\"b\\c\nd"), 200, 1ms);
  const auto s = samples(m.prometheus_text());
  EXPECT_EQ(s.at(R"(territorio_http_requests_total{route="/a\"b\\c\nd",status="2xx"})"), "1");
}

TEST(MetricsHttp, TheServerCountsItsRequestsAndTileCache) {
  test_support::ServerProcess server(TERRITORIO_TEST_STORE);
  test_support::HttpClient client;
  EXPECT_EQ(client.get(server.url("/coverage?level=commune")).status, 200);
  EXPECT_EQ(client.get(server.url("/coverage?level=country")).status, 400);
  EXPECT_EQ(client.get(server.url("/no/such/path")).status, 404);
  EXPECT_EQ(client.get(server.url("/tiles/communes/4/4/9.mvt")).status, 200);  // built
  EXPECT_EQ(client.get(server.url("/tiles/communes/4/4/9.mvt")).status, 200);  // from the cache
  EXPECT_EQ(client.request("DELETE", server.url("/coverage")).status, 405);

  const auto r = client.get(server.url("/metrics"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(r.headers.at("cache-control"), "no-store");
  const auto s = samples(r.body);
  EXPECT_EQ(s.at(R"(territorio_http_requests_total{route="/coverage",status="2xx"})"), "1");
  EXPECT_EQ(s.at(R"(territorio_http_requests_total{route="/coverage",status="4xx"})"), "2");
  EXPECT_EQ(s.at(R"(territorio_http_requests_total{route="none",status="4xx"})"), "1");
  EXPECT_EQ(s.at(R"(territorio_http_requests_total{route="/tiles/{layer}/{z}/{x}/{y}.mvt",status="2xx"})"), "2");
  EXPECT_EQ(s.at(R"(territorio_http_request_duration_seconds_count{route="/coverage"})"), "3");
  EXPECT_EQ(s.at(R"(territorio_http_request_duration_seconds_bucket{route="/coverage",le="+Inf"})"), "3");
  EXPECT_GT(std::stod(s.at(R"(territorio_http_request_duration_seconds_sum{route="/coverage"})")), 0);
  EXPECT_EQ(s.at("territorio_tile_cache_misses_total"), "1");
  EXPECT_EQ(s.at("territorio_tile_cache_hits_total"), "1");
  EXPECT_EQ(s.at("territorio_tile_cache_entries"), "1");
  EXPECT_GT(std::stod(s.at("territorio_tile_cache_bytes")), 1000);
  // The communes' geometry of that tile was clipped once, for the tile built.
  EXPECT_EQ(s.at("territorio_tile_geometry_cache_misses_total"), "1");
  EXPECT_EQ(s.at("territorio_tile_geometry_cache_hits_total"), "0");
  EXPECT_GT(std::stod(s.at("territorio_tile_geometry_cache_bytes")), 1000);
  EXPECT_EQ(s.at("territorio_initiatives"), "29");

  // The scrape itself is counted by the next one.
  const auto again = samples(client.get(server.url("/metrics")).body);
  EXPECT_EQ(again.at(R"(territorio_http_requests_total{route="/metrics",status="2xx"})"), "1");
}

}  // namespace
