#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/http/errors.h"
#include "server/http/http_server.h"
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/http/router.h"
#include "server/http/url.h"
#include "tests/support/http_client.h"
#include "tests/support/raw_socket.h"

namespace server::http {
namespace {

using Json = nlohmann::json;
using test_support::HttpClient;
using test_support::HttpResult;
using test_support::RawSocket;

constexpr std::size_t kBigBody = 50 * 1000 * 1000;

// A body whose every byte depends on its position, so a lost or repeated
// piece cannot go unnoticed.
std::string patterned(std::size_t size) {
  std::string body(size, '\0');
  for (std::size_t i = 0; i < size; ++i) body[i] = static_cast<char>('a' + (i * 7 + i / 4093) % 26);
  return body;
}

const std::string& big_body() {
  static const std::string body = patterned(kBigBody);
  return body;
}

Response ok_text(std::string body) {
  Response response = json(200, std::move(body));
  response.content_type = "text/plain";
  return response;
}

Router test_router() {
  Router router;
  router.add("GET", "/hello", [](const Request&) { return json(200, R"({"hello":"world"})"); });
  router.add("GET", "/boom", [](const Request&) -> Response { throw std::runtime_error("secret detail"); });
  router.add("GET", "/bad", [](const Request&) -> Response {
    throw BadRequest("division must be 2007 or 2018", {{"parameter", "division"}, {"allowed", {"2007", "2018"}}});
  });
  router.add("GET", "/echo/{name}", [](const Request& request) {
    Json out = {{"name", request.path_param("name")}, {"query", Json::array()}};
    for (const auto& [key, value] : request.query) out["query"].push_back({key, value});
    return json(200, out.dump());
  });
  router.add("GET", "/headers", [](const Request& request) {
    Json out = Json::array();
    for (const auto& [name, value] : request.headers) out.push_back(Json::array({name, value}));
    return json(200, out.dump());
  });
  router.add("GET", "/single", [](const Request& request) {
    return ok_text(request.query_value("x").value_or("(none)"));
  });
  router.add("GET", "/tiles/{layer}/{z}/{x}/{y}.mvt", [](const Request& request) {
    return ok_text(request.path_param("layer") + "|" + request.path_param("z") + "|" + request.path_param("x") + "|" +
                   request.path_param("y"));
  });
  router.add("GET", "/big", [](const Request&) { return ok_text(big_body()); });
  router.add("POST", "/echo-body", [](const Request& request) {
    Response response = ok_text(request.body);
    response.headers.emplace_back("X-Content-Type-Seen", request.header("content-type").value_or(""));
    return response;
  });
  router.add("GET", "/inject", [](const Request&) {
    Response response = json(200, "{}");
    response.headers.emplace_back("X-Evil", "a\r\nSet-Cookie: stolen=1");
    return response;
  });
  router.add("GET", "/slow", [](const Request&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return ok_text("slow");
  });
  return router;
}

Json parse(const std::string& body) { return Json::parse(body); }

// ---------------------------------------------------------------------------
// Pieces that need no server.

TEST(Url, PercentDecodingAndQueries) {
  EXPECT_EQ(percent_decode("a%20b%2Fc+d", false), "a b/c+d");
  EXPECT_EQ(percent_decode("a%20b+c", true), "a b c");
  EXPECT_EQ(percent_decode("%C3%B1u%c3%b1oa", false), "\xC3\xB1u\xC3\xB1oa");
  EXPECT_THROW(percent_decode("%zz", false), BadRequest);
  EXPECT_THROW(percent_decode("abc%2", false), BadRequest);
  EXPECT_THROW(percent_decode("%00", true), BadRequest);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"a", "1"}, {"b", "x y"}, {"a", "2"}, {"flag", ""}, {"e", "="}};
  EXPECT_EQ(parse_query("a=1&b=x+y&&a=2&flag&e=%3D"), expected);
  EXPECT_EQ(path_segments("/a/b%2Fc/"), (std::vector<std::string>{"a", "b/c", ""}));
  EXPECT_THROW(split_target("http://example.org/"), BadRequest);
}

TEST(RequestTest, QueryValueRejectsRepeats) {
  Request request;
  request.query = {{"x", "1"}, {"y", "2"}, {"x", "3"}};
  request.headers = {{"accept", "a"}, {"accept", "b"}};
  EXPECT_EQ(request.query_value("y"), "2");
  EXPECT_EQ(request.query_value("z"), std::nullopt);
  EXPECT_EQ(request.query_values("x"), (std::vector<std::string>{"1", "3"}));
  EXPECT_EQ(request.header("Accept"), "a, b");
  try {
    (void)request.query_value("x");
    FAIL() << "a repeated parameter must throw";
  } catch (const BadRequest& e) {
    EXPECT_EQ(e.extras(), Json({{"parameter", "x"}}));
  }
}

TEST(RouterTest, PatternsAreValidated) {
  Router router;
  const auto handler = [](const Request&) { return json(200, "{}"); };
  EXPECT_THROW(router.add("GET", "no-slash", handler), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{unclosed", handler), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/x{y}", handler), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{x}/{x}", handler), std::invalid_argument);
  EXPECT_THROW(router.add("get", "/a", handler), std::invalid_argument);
  router.add("GET", "/a/{x}", handler);
  EXPECT_THROW(router.add("GET", "/a/{y}", handler), std::invalid_argument);  // same shape, same method
  EXPECT_NO_THROW(router.add("POST", "/a/{y}", handler));
}

TEST(RouterTest, LiteralSegmentsBeatParameters) {
  Router router;
  router.add("GET", "/t/{code}", [](const Request& r) { return ok_text("code " + r.path_param("code")); });
  router.add("GET", "/t/search", [](const Request&) { return ok_text("search"); });
  router.add("GET", "/t/{code}.geojson", [](const Request& r) { return ok_text("geo " + r.path_param("code")); });
  Request request;
  request.method = "GET";
  request.path = "/t/search";
  EXPECT_EQ(router.dispatch(request).body, "search");
  request.path = "/t/13101";
  EXPECT_EQ(router.dispatch(request).body, "code 13101");
  request.path = "/t/13101.geojson";
  EXPECT_EQ(router.dispatch(request).body, "geo 13101");
  request.path = "/t/.geojson";  // a parameter is never empty
  EXPECT_EQ(router.dispatch(request).body, "code .geojson");
  request.path = "/t/";
  EXPECT_EQ(router.dispatch(request).status, 404);
}

TEST(RouterTest, MethodsAcrossOverlappingPatterns) {
  Router router;
  router.add("GET", "/t/{code}", [](const Request&) { return ok_text("get"); });
  router.add("POST", "/t/search", [](const Request&) { return ok_text("post"); });
  Request request;
  request.path = "/t/search";
  request.method = "GET";  // the literal route has no GET, the parameter one does
  EXPECT_EQ(router.dispatch(request).body, "get");
  request.method = "HEAD";
  EXPECT_EQ(router.dispatch(request).body, "get");  // the server drops the body on the wire
  request.method = "DELETE";
  const Response refused = router.dispatch(request);
  EXPECT_EQ(refused.status, 405);
  EXPECT_EQ(find_header(refused, "Allow"), "GET, HEAD, POST, OPTIONS");
}

TEST(ProblemResponse, MapsEveryKind) {
  const auto status_of = [](auto error) { return problem_response(std::make_exception_ptr(error)).status; };
  EXPECT_EQ(status_of(BadRequest("x")), 400);
  EXPECT_EQ(status_of(Unauthorized("x")), 401);
  EXPECT_EQ(status_of(Forbidden("x")), 403);
  EXPECT_EQ(status_of(NotFound("x")), 404);
  EXPECT_EQ(status_of(MethodNotAllowed("x", "GET")), 405);
  EXPECT_EQ(status_of(Conflict("x")), 409);
  EXPECT_EQ(status_of(PayloadTooLarge("x")), 413);
  EXPECT_EQ(status_of(std::logic_error("x")), 500);
  EXPECT_EQ(status_of(42), 500);

  const Response unauthorized = problem_response(std::make_exception_ptr(Unauthorized("token expired")));
  EXPECT_EQ(find_header(unauthorized, "WWW-Authenticate"), "Bearer");
  const Response conflict = problem_response(std::make_exception_ptr(Conflict("exists", {{"id", 7}})));
  EXPECT_EQ(conflict.content_type, "application/problem+json");
  EXPECT_EQ(parse(conflict.body), Json({{"type", "about:blank"},
                                         {"title", "Conflict"},
                                         {"status", 409},
                                         {"detail", "exists"},
                                         {"id", 7}}));
  // Client bytes echoed in a detail need not be UTF-8; the body stays valid JSON.
  const Response odd = problem_response(std::make_exception_ptr(BadRequest("bad \xff byte")));
  EXPECT_NO_THROW(parse(odd.body));
}

// ---------------------------------------------------------------------------
// Through a real server.

class HttpServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    options.threads = 4;
    server_ = new HttpServer(test_router(), options);
    server_->start();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static std::string url(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
  }
  static std::uint16_t port() { return server_->port(); }

  static HttpServer* server_;
  HttpClient client_;
};

HttpServer* HttpServerTest::server_ = nullptr;

TEST_F(HttpServerTest, ServesAHandler) {
  const HttpResult result = client_.get(url("/hello"));
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, R"({"hello":"world"})");
  EXPECT_EQ(result.headers.at("content-type"), "application/json");
  EXPECT_EQ(result.headers.at("content-length"), "17");
  EXPECT_EQ(result.headers.at("access-control-allow-origin"), "*");
  EXPECT_TRUE(result.headers.contains("date"));
}

TEST_F(HttpServerTest, UnknownPathIsAProblem) {
  const HttpResult result = client_.get(url("/nope"));
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(result.headers.at("content-type"), "application/problem+json");
  EXPECT_EQ(result.headers.at("access-control-allow-origin"), "*");
  EXPECT_EQ(parse(result.body), Json({{"type", "about:blank"},
                                      {"title", "Not Found"},
                                      {"status", 404},
                                      {"detail", "no resource at /nope"}}));
}

TEST_F(HttpServerTest, OtherMethodIs405WithAllow) {
  const HttpResult result = client_.request("DELETE", url("/hello"));
  EXPECT_EQ(result.status, 405);
  EXPECT_EQ(result.headers.at("allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(result.headers.at("content-type"), "application/problem+json");
  EXPECT_EQ(parse(result.body)["status"], 405);
}

TEST_F(HttpServerTest, OptionsAnswersThePreflight) {
  const HttpResult result = client_.request("OPTIONS", url("/echo/x"),  "",
                                            {{"Origin", "https://mapa.example"},
                                             {"Access-Control-Request-Method", "GET"},
                                             {"Access-Control-Request-Headers", "authorization"}});
  EXPECT_EQ(result.status, 204);
  EXPECT_EQ(result.body, "");
  EXPECT_EQ(result.headers.at("allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(result.headers.at("access-control-allow-origin"), "*");
  EXPECT_EQ(result.headers.at("access-control-allow-methods"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(result.headers.at("access-control-allow-headers"),
            "Authorization, Content-Type, Content-Encoding, If-None-Match");
  EXPECT_FALSE(result.headers.contains("content-length"));  // RFC 9110: none on 204
}

TEST_F(HttpServerTest, InternalErrorsStayInternal) {
  testing::internal::CaptureStderr();
  const HttpResult result = client_.get(url("/boom"));
  const std::string log = testing::internal::GetCapturedStderr();
  EXPECT_EQ(result.status, 500);
  EXPECT_EQ(result.body.find("secret detail"), std::string::npos);
  EXPECT_EQ(parse(result.body), Json({{"type", "about:blank"},
                                      {"title", "Internal Server Error"},
                                      {"status", 500},
                                      {"detail", "internal error"}}));
  EXPECT_NE(log.find("secret detail"), std::string::npos);  // the operator still learns it
}

TEST_F(HttpServerTest, BadRequestCarriesItsExtras) {
  const HttpResult result = client_.get(url("/bad"));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(parse(result.body), Json({{"type", "about:blank"},
                                      {"title", "Bad Request"},
                                      {"status", 400},
                                      {"detail", "division must be 2007 or 2018"},
                                      {"parameter", "division"},
                                      {"allowed", {"2007", "2018"}}}));
}

TEST_F(HttpServerTest, DecodesPathAndQuery) {
  const HttpResult result = client_.get(url("/echo/San%20Jos%C3%A9%2Fde+Maipo?q=a+b%26c&x=1&x=2&flag&n=%C3%B1"));
  ASSERT_EQ(result.status, 200) << result.body;
  const Json query = Json::array({Json::array({"q", "a b&c"}), Json::array({"x", "1"}), Json::array({"x", "2"}),
                                  Json::array({"flag", ""}), Json::array({"n", "ñ"})});
  EXPECT_EQ(parse(result.body), Json({{"name", "San José/de+Maipo"}, {"query", query}}));
  const HttpResult tile = client_.get(url("/tiles/comunas/7/38/77.mvt"));
  EXPECT_EQ(tile.body, "comunas|7|38|77");
  EXPECT_EQ(client_.get(url("/tiles/comunas/7/38/77.png")).status, 404);
}

TEST_F(HttpServerTest, RepeatedSingleParameterIs400) {
  EXPECT_EQ(client_.get(url("/single?x=5")).body, "5");
  const HttpResult result = client_.get(url("/single?x=5&x=6"));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(parse(result.body)["parameter"], "x");
}

TEST_F(HttpServerTest, MalformedEscapesAre400) {
  for (const char* path : {"/echo/a%zz", "/echo/a%2", "/echo/ok?q=%G1", "/echo/%00"}) {
    const HttpResult result = client_.get(url(path));
    EXPECT_EQ(result.status, 400) << path;
    EXPECT_EQ(result.headers.at("content-type"), "application/problem+json") << path;
    EXPECT_EQ(result.headers.at("access-control-allow-origin"), "*") << path;
  }
}

TEST_F(HttpServerTest, ReusesTheConnection) {
  const HttpResult first = client_.get(url("/hello"));
  const HttpResult second = client_.get(url("/echo/x"));
  const HttpResult third = client_.get(url("/nope"));  // errors keep it open too
  const HttpResult fourth = client_.get(url("/hello"));
  EXPECT_EQ(first.connects_made, 1);
  EXPECT_EQ(second.connects_made, 0);
  EXPECT_EQ(third.connects_made, 0);
  EXPECT_EQ(fourth.connects_made, 0);
  for (const HttpResult* result : {&first, &second, &third, &fourth}) {
    EXPECT_FALSE(result->headers.contains("connection")) << result->headers.at("connection");
  }
}

TEST_F(HttpServerTest, ServerKeepsTheSocketOpen) {
  RawSocket socket(port());
  for (int i = 0; i < 3; ++i) {
    socket.send_all("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n");
    const std::string response = socket.read_response();
    ASSERT_TRUE(response.starts_with("HTTP/1.1 200 OK\r\n")) << response;
    EXPECT_EQ(response.find("Connection"), std::string::npos);
  }
}

TEST_F(HttpServerTest, ClosesWhenAsked) {
  RawSocket socket(port());
  socket.send_all("GET /hello HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
  const std::string response = socket.read_response();
  EXPECT_NE(response.find("Connection: close\r\n"), std::string::npos) << response;
  EXPECT_TRUE(socket.closed_by_server());
}

TEST_F(HttpServerTest, Http10ClosesUnlessKeepAlive) {
  {
    RawSocket socket(port());
    socket.send_all("GET /hello HTTP/1.0\r\n\r\n");
    const std::string response = socket.read_response();
    EXPECT_NE(response.find("Connection: close\r\n"), std::string::npos) << response;
    EXPECT_TRUE(socket.closed_by_server());
  }
  RawSocket socket(port());
  for (int i = 0; i < 2; ++i) {
    socket.send_all("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    const std::string response = socket.read_response();
    EXPECT_NE(response.find("Connection: keep-alive\r\n"), std::string::npos) << response;
  }
}

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RawSocket socket(port());
  socket.send_all("GET /echo/one HTTP/1.1\r\nHost: t\r\n\r\nGET /echo/two HTTP/1.1\r\nHost: t\r\n\r\n");
  const std::string first = socket.read_response();
  const std::string second = socket.read_response();
  EXPECT_TRUE(first.ends_with(R"({"name":"one","query":[]})")) << first;
  EXPECT_TRUE(second.ends_with(R"({"name":"two","query":[]})")) << second;
  EXPECT_EQ(first.find("Connection"), std::string::npos) << first;
}

TEST_F(HttpServerTest, GarbageGetsAProblemAndTheDoor) {
  RawSocket socket(port());
  socket.send_all("BREW /pot HTTP/1.1\r\n\r\n");
  const std::string response = socket.read_response();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 400 Bad Request\r\n")) << response;
  EXPECT_NE(response.find("application/problem+json"), std::string::npos);
  EXPECT_NE(response.find("Connection: close\r\n"), std::string::npos);
  EXPECT_TRUE(socket.closed_by_server());
}

TEST_F(HttpServerTest, RequestsMayArriveInPieces) {
  RawSocket socket(port());
  for (const char* piece : {"GET /ec", "ho/x%2", "0y?a=1&a", "=2 HTTP/1.1\r\nHo", "st: t\r\n", "\r\n"}) {
    socket.send_all(piece);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const std::string response = socket.read_response();
  EXPECT_TRUE(response.ends_with(R"({"name":"x y","query":[["a","1"],["a","2"]]})")) << response;
}

TEST_F(HttpServerTest, HeadersKeepOrderAndRepeats) {
  RawSocket socket(port());
  socket.send_all("GET /headers HTTP/1.1\r\nHost: t\r\nX-One: a\r\nx-one:b\r\nX-Two:   spaced out  \r\n\r\n");
  const std::string response = socket.read_response();
  const std::string body = response.substr(response.find("\r\n\r\n") + 4);
  EXPECT_EQ(parse(body), Json::array({Json::array({"host", "t"}), Json::array({"x-one", "a"}),
                                      Json::array({"x-one", "b"}), Json::array({"x-two", "spaced out"})}));
}

TEST_F(HttpServerTest, UnreadableHeadsAre400Or431) {
  const auto first_line = [&](const std::string& request) {
    RawSocket socket(port());
    socket.send_all(request);
    const std::string response = socket.read_response();
    EXPECT_TRUE(socket.closed_by_server()) << request.substr(0, 60);
    return response.substr(0, response.find("\r\n"));
  };
  EXPECT_EQ(first_line("POST /echo-body HTTP/1.1\r\nContent-Length: abc\r\n\r\nhello"), "HTTP/1.1 400 Bad Request");
  EXPECT_EQ(first_line("POST /echo-body HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
            "HTTP/1.1 400 Bad Request");
  EXPECT_EQ(first_line("GET /hello HTTP/1.1\r\nDate: garbage\r\n\r\n"), "HTTP/1.1 400 Bad Request");
  EXPECT_EQ(first_line("GET /hello HTTP/1.1\r\nX-Big: " + std::string(70 * 1024, 'x') + "\r\n\r\n"),
            "HTTP/1.1 431 Request Header Fields Too Large");
}

TEST_F(HttpServerTest, LargeBodyArrivesComplete) {
  big_body();  // built before the clock starts
  const auto start = std::chrono::steady_clock::now();
  const HttpResult result = client_.get(url("/big"));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.headers.at("content-length"), std::to_string(kBigBody));
  ASSERT_EQ(result.body.size(), kBigBody);
  EXPECT_TRUE(result.body == big_body());
  std::cout << "50 MB in " << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms\n";
  EXPECT_EQ(client_.get(url("/hello")).connects_made, 0);  // still in step after it
}

TEST_F(HttpServerTest, HeadSendsNoBody) {
  const HttpResult result = client_.request("HEAD", url("/hello"));
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "");
  EXPECT_EQ(result.headers.at("content-length"), "17");  // that of the GET
  // On a raw socket: nothing follows the head, the next response comes next.
  RawSocket socket(port());
  socket.send_all("HEAD /big HTTP/1.1\r\nHost: t\r\n\r\n");
  const std::string head = socket.read_response(true);
  EXPECT_NE(head.find("Content-Length: " + std::to_string(kBigBody)), std::string::npos) << head;
  socket.send_all("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
  const std::string next = socket.read_response();
  EXPECT_TRUE(next.starts_with("HTTP/1.1 200 OK")) << next.substr(0, 200);
  EXPECT_TRUE(next.ends_with(R"({"hello":"world"})"));
}

TEST_F(HttpServerTest, PostsABody) {
  // Over 1 MiB curl sends Expect: 100-continue (see ContinuesAnExpectingClient).
  const std::string body = patterned(3 * 1024 * 1024);
  const HttpResult result = client_.post(url("/echo-body"), body, "application/geo+json");
  EXPECT_EQ(result.status, 200);
  EXPECT_TRUE(result.body == body);
  EXPECT_EQ(result.headers.at("x-content-type-seen"), "application/geo+json");
}

TEST_F(HttpServerTest, ContinuesAnExpectingClient) {
  RawSocket socket(port());
  socket.send_all("POST /echo-body HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(socket.read_response(), "HTTP/1.1 100 Continue\r\n\r\n");
  socket.send_all("hello");
  const std::string response = socket.read_response();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 200 OK")) << response;
  EXPECT_TRUE(response.ends_with("\r\n\r\nhello"));
}

TEST_F(HttpServerTest, HeaderInjectionIsRefused) {
  testing::internal::CaptureStderr();
  const HttpResult result = client_.get(url("/inject"));
  testing::internal::GetCapturedStderr();
  EXPECT_EQ(result.status, 500);
  EXPECT_FALSE(result.headers.contains("set-cookie"));
}

TEST_F(HttpServerTest, ConcurrentClients) {
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      HttpClient client;
      for (int i = 0; i < 20; ++i) {
        // Appended piecewise: GCC 12 -O2 warns falsely (-Wrestrict) on "t" + to_string(t).
        std::string name = "t";
        name += std::to_string(t);
        name += '-';
        name += std::to_string(i);
        const HttpResult result = client.get(url(i % 5 == 0 ? "/slow" : "/echo/" + name));
        const bool ok = result.status == 200 &&
                        (i % 5 == 0 ? result.body == "slow" : parse(result.body)["name"] == name) &&
                        (i == 0 || result.connects_made == 0);
        if (ok) ++good;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(good.load(), 80);
}

// ---------------------------------------------------------------------------
// Servers with their own options.

TEST(HttpServerLimits, OversizedBodyIs413) {
  ServerOptions options;
  options.max_request_body = 1024;
  HttpServer server(test_router(), options);
  server.start();
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  HttpClient client;
  EXPECT_EQ(client.post(base + "/echo-body", std::string(1024, 'x'), "text/plain").status, 200);
  const HttpResult refused = client.post(base + "/echo-body", std::string(100 * 1024, 'x'), "text/plain");
  EXPECT_EQ(refused.status, 413);
  EXPECT_EQ(parse(refused.body)["status"], 413);
  // A chunked body has no Content-Length to check up front.
  const HttpResult chunked =
      client.post(base + "/echo-body", std::string(100 * 1024, 'x'), "text/plain", {{"Transfer-Encoding", "chunked"}});
  EXPECT_EQ(chunked.status, 413);
  EXPECT_EQ(client.get(base + "/hello").status, 200);  // the server is fine
}

TEST(HttpServerLimits, SilentClientsTimeOutWithoutBlockingOthers) {
  ServerOptions options;
  options.threads = 1;  // the silent client and the others share the only worker
  options.header_timeout = std::chrono::seconds(2);
  HttpServer server(test_router(), options);
  server.start();
  RawSocket silent(server.port());
  RawSocket half(server.port());
  half.send_all("GET /hello HTTP/1.1\r\nHo");

  const auto start = std::chrono::steady_clock::now();
  HttpClient client;
  const HttpResult result = client.get("http://127.0.0.1:" + std::to_string(server.port()) + "/hello");
  EXPECT_EQ(result.status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1500));  // not held up

  // Each connection times its request from its first byte (or the
  // accept) and answers 408 with a problem document, then closes.
  const std::string to_silent = silent.read_response();
  EXPECT_TRUE(to_silent.starts_with("HTTP/1.1 408 Request Timeout\r\n")) << to_silent;
  EXPECT_NE(to_silent.find("Content-Type: application/problem+json\r\n"), std::string::npos) << to_silent;
  EXPECT_NE(to_silent.find("Connection: close\r\n"), std::string::npos) << to_silent;
  EXPECT_EQ(parse(test_support::body_of(to_silent)),
            Json({{"type", "about:blank"},
                  {"title", "Request Timeout"},
                  {"status", 408},
                  {"detail", "the request did not arrive within 2 seconds"}}));
  EXPECT_TRUE(half.read_response().starts_with("HTTP/1.1 408")) << "half";
  EXPECT_TRUE(silent.closed_by_server());
  EXPECT_TRUE(half.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
}

TEST(HttpServerLimits, IdleConnectionsCloseAfterTheKeepAliveTimeout) {
  ServerOptions options;
  options.threads = 1;
  options.keepalive_timeout = std::chrono::seconds(1);
  HttpServer server(test_router(), options);
  server.start();
  RawSocket socket(server.port());
  socket.send_all("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_TRUE(socket.read_response().starts_with("HTTP/1.1 200"));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(socket.closed_by_server());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
}

TEST(HttpServerLifecycle, StartAndStop) {
  HttpServer server(test_router());
  EXPECT_EQ(server.port(), 0);
  server.start();
  const std::uint16_t port = server.port();
  EXPECT_NE(port, 0);
  EXPECT_THROW(server.start(), std::logic_error);

  ServerOptions taken;
  taken.port = port;
  HttpServer second(test_router(), taken);
  EXPECT_ANY_THROW(second.start());  // address in use

  HttpClient client;  // keeps its connection open across stop()
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hello";
  EXPECT_EQ(client.get(url).status, 200);
  const auto start = std::chrono::steady_clock::now();
  server.stop();
  server.stop();
  EXPECT_EQ(server.port(), 0);
  // The kept connection is closed too, so the client fails at once instead
  // of waiting on a dead socket.
  EXPECT_THROW(client.get(url), std::runtime_error);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace server::http
