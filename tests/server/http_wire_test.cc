// The real territorio binary on the wire: what issue 13 found in the HTTP
// layer, byte for byte. Pipelining, RFC 9112 framing and Host rules,
// Accept that cannot be read, invalid UTF-8, bounded errors, request
// content codings on POST /join, security and CORS header fields.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "server/http/gzip.h"
#include "tests/support/http_client.h"
#include "tests/support/raw_socket.h"
#include "tests/support/server_process.h"

namespace {

using Json = nlohmann::json;
using test_support::body_of;
using test_support::HttpClient;
using test_support::HttpResult;
using test_support::RawSocket;
using test_support::ServerProcess;
using test_support::status_of;

const std::string kHealthz = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
const std::string kPoints = "name,lon,lat\nSantiago,-70.6506,-33.4378\nTemuco,-72.5904,-38.7359\n";

class Wire : public testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServerProcess(TERRITORIO_TEST_STORE); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static std::uint16_t port() { return static_cast<std::uint16_t>(server_->port()); }
  static std::string url(const std::string& path) { return server_->url(path); }

  // The first response to raw bytes on a fresh connection.
  static std::string exchange(const std::string& bytes) {
    RawSocket socket(port());
    socket.send_all(bytes);
    return socket.read_response();
  }

  static ServerProcess* server_;
  HttpClient client_;
};

ServerProcess* Wire::server_ = nullptr;

TEST_F(Wire, PipelinedRequestsAreAllAnsweredInOrder) {
  RawSocket two(port());
  two.send_all(kHealthz + kHealthz);
  for (int i = 0; i < 2; ++i) EXPECT_EQ(body_of(two.read_response()), R"({"status":"ok"})") << i;

  RawSocket hundred(port());
  std::string requests;
  for (int i = 0; i < 100; ++i) {
    requests += i % 10 == 9 ? "GET /territories/13101 HTTP/1.1\r\nHost: x\r\n\r\n" : kHealthz;
  }
  hundred.send_all(requests);
  for (int i = 0; i < 100; ++i) {
    const std::string response = hundred.read_response();
    ASSERT_EQ(status_of(response), 200) << i;
    if (i % 10 == 9) {
      EXPECT_EQ(Json::parse(body_of(response))["code"], "13101") << i;
    } else {
      EXPECT_EQ(body_of(response), R"({"status":"ok"})") << i;
    }
  }
}

TEST_F(Wire, ARequestSplitByteByByte) {
  RawSocket socket(port());
  const std::string request = "GET /territories/13101 HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n";
  for (char c : request) socket.send_all(std::string(1, c));
  const std::string response = socket.read_response();
  EXPECT_EQ(status_of(response), 200) << response;
  EXPECT_EQ(Json::parse(body_of(response))["code"], "13101");
}

TEST_F(Wire, HostIsRequiredOnceOnHttp11) {
  for (const char* request : {"GET /healthz HTTP/1.1\r\n\r\n", "GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
                              "GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n"}) {
    const std::string response = exchange(request);
    EXPECT_TRUE(response.starts_with("HTTP/1.1 400 Bad Request\r\n")) << request;
    EXPECT_NE(response.find("application/problem+json"), std::string::npos) << request;
  }
  EXPECT_EQ(status_of(exchange("GET /healthz HTTP/1.0\r\n\r\n")), 200);
}

TEST_F(Wire, BareLineFeedsEndLines) {
  const std::string response = exchange("GET /healthz HTTP/1.1\nHost: x\n\n");
  EXPECT_EQ(status_of(response), 200) << response;
  EXPECT_EQ(body_of(response), R"({"status":"ok"})");
}

TEST_F(Wire, AnUnreadableAcceptIsNoAccept) {
  for (const std::string accept : {"Accept:\r\n", "Accept: ???garbage\r\n", "Accept: text/\r\n"}) {
    const std::string response = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n" + accept + "\r\n");
    EXPECT_EQ(status_of(response), 200) << accept;
  }
  EXPECT_EQ(client_.get(url("/healthz"), {{"Accept", ""}}).status, 200);
  EXPECT_EQ(client_.get(url("/collections"), {{"Accept", "???garbage"}}).status, 200);
}

TEST_F(Wire, InvalidUtf8InTheQueryIs400) {
  const HttpResult result = client_.get(url("/territories?q=%ff"));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.headers.at("content-type"), "application/problem+json");
  EXPECT_EQ(Json::parse(result.body)["detail"], "a query parameter value is not valid UTF-8 once percent-decoded");
  EXPECT_EQ(client_.get(url("/territories/%c3%28")).status, 400);
  EXPECT_EQ(client_.get(url("/territories?q=%C3%91uble")).status, 200);
}

TEST_F(Wire, ErrorsAreSmallProblemDocuments) {
  const HttpResult missing = client_.get(url("/" + std::string(60 * 1024, 'a')));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.headers.at("content-type"), "application/problem+json");
  EXPECT_LT(missing.body.size(), 1024u);
  const std::string line_too_long = exchange("GET /" + std::string(70 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(line_too_long.starts_with("HTTP/1.1 414 URI Too Long\r\n")) << line_too_long.substr(0, 100);
  EXPECT_LT(body_of(line_too_long).size(), 1024u);
  const std::string fields_too_large =
      exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(70 * 1024, 'a') + "\r\n\r\n");
  EXPECT_TRUE(fields_too_large.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
  EXPECT_EQ(Json::parse(body_of(fields_too_large))["status"], 431);
  const std::string too_large = exchange("POST /join HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n");
  EXPECT_TRUE(too_large.starts_with("HTTP/1.1 413 Content Too Large\r\n")) << too_large;
  EXPECT_EQ(Json::parse(body_of(too_large))["status"], 413);
}

TEST_F(Wire, GzipUploadsJoinLikePlainOnes) {
  const HttpResult plain = client_.post(url("/join"), kPoints, "text/csv");
  ASSERT_EQ(plain.status, 200) << plain.body;
  const HttpResult zipped =
      client_.post(url("/join"), server::http::gzip(kPoints), "text/csv", {{"Content-Encoding", "gzip"}});
  EXPECT_EQ(zipped.status, 200) << zipped.body;
  EXPECT_EQ(zipped.body, plain.body);

  // 40 MB of CSV that compress to a few hundred KB: over the 32 MB body limit once inflated.
  std::string huge = "lon,lat\n";
  while (huge.size() < (40u << 20)) huge += "-70.6506,-33.4378\n";
  const HttpResult bomb =
      client_.post(url("/join"), server::http::gzip(huge), "text/csv", {{"Content-Encoding", "gzip"}});
  EXPECT_EQ(bomb.status, 413);
  EXPECT_EQ(Json::parse(bomb.body)["status"], 413);
  const HttpResult brotli = client_.post(url("/join"), kPoints, "text/csv", {{"Content-Encoding", "br"}});
  EXPECT_EQ(brotli.status, 415);
  EXPECT_EQ(brotli.headers.at("content-type"), "application/problem+json");
}

TEST_F(Wire, EveryResponseForbidsSniffingAndHtmlHasAPolicy) {
  for (const char* path : {"/healthz", "/territories/13101", "/tiles/communes/14/4976/9809.mvt", "/nope", "/map"}) {
    const HttpResult result = client_.get(url(path));
    EXPECT_EQ(result.headers.at("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(result.headers.at("referrer-policy"), "no-referrer") << path;
  }
  const HttpResult html = client_.get(url("/collections"), {{"Accept", "text/html"}});
  ASSERT_EQ(html.status, 200);
  ASSERT_TRUE(html.headers.at("content-type").starts_with("text/html"));
  const std::string policy = html.headers.at("content-security-policy");
  EXPECT_NE(policy.find("default-src 'self'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("frame-ancestors 'self'"), std::string::npos) << policy;
  const HttpResult map = client_.get(url("/map"));
  EXPECT_NE(map.headers.at("content-security-policy").find("frame-ancestors"), std::string::npos);
  EXPECT_FALSE(client_.get(url("/healthz")).headers.contains("content-security-policy"));
}

TEST_F(Wire, ReadsAreOpenToAnyOriginButMetricsAndWritesAreNot) {
  const test_support::HeaderList foreign = {{"Origin", "https://evil.example"}};
  EXPECT_EQ(client_.get(url("/healthz"), foreign).headers.at("access-control-allow-origin"), "*");
  const HttpResult metrics = client_.get(url("/metrics"), foreign);
  EXPECT_EQ(metrics.status, 200);
  EXPECT_FALSE(metrics.headers.contains("access-control-allow-origin"));
  EXPECT_NE(metrics.body.find("territorio_http_jobs_running "), std::string::npos);
  EXPECT_NE(metrics.body.find("territorio_http_jobs_rejected_total "), std::string::npos);
  const HttpResult metrics_preflight = client_.request(
      "OPTIONS", url("/metrics"), "", {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_FALSE(metrics_preflight.headers.contains("access-control-allow-origin"));

  const HttpResult join = client_.post(url("/join"), kPoints, "text/csv", foreign);
  EXPECT_EQ(join.status, 200);
  EXPECT_FALSE(join.headers.contains("access-control-allow-origin"));
  const HttpResult preflight = client_.request(
      "OPTIONS", url("/join"), "", {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_FALSE(preflight.headers.contains("access-control-allow-origin"));
}

TEST(WireCors, ConfiguredOriginsMayWrite) {
  ServerProcess server(TERRITORIO_TEST_STORE, {"--cors-write-origin", "https://gore.example.cl"});
  HttpClient client;
  const HttpResult allowed =
      client.post(server.url("/join"), kPoints, "text/csv", {{"Origin", "https://gore.example.cl"}});
  EXPECT_EQ(allowed.status, 200);
  EXPECT_EQ(allowed.headers.at("access-control-allow-origin"), "https://gore.example.cl");
  EXPECT_NE(allowed.headers.at("vary").find("Origin"), std::string::npos);
  const HttpResult other = client.post(server.url("/join"), kPoints, "text/csv", {{"Origin", "https://gore.example"}});
  EXPECT_FALSE(other.headers.contains("access-control-allow-origin"));
  const HttpResult preflight =
      client.request("OPTIONS", server.url("/join"), "",
                     {{"Origin", "https://gore.example.cl"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.headers.at("access-control-allow-origin"), "https://gore.example.cl");
  EXPECT_EQ(preflight.headers.at("access-control-allow-methods"), "POST, OPTIONS");
}

}  // namespace
