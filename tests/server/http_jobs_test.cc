// The server's connections and job pool on the wire, in process: heavy
// routes that block on a gate the test opens, so queue states are exact
// rather than raced; queued routes answered later from a thread of the
// test's; pipelining behind jobs and large responses; request timeouts;
// request content codings.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/http/errors.h"
#include "server/http/gzip.h"
#include "server/http/http_server.h"
#include "server/http/router.h"
#include "tests/support/http_client.h"
#include "tests/support/raw_socket.h"

namespace server::http {
namespace {

using Json = nlohmann::json;
using test_support::body_of;
using test_support::HttpClient;
using test_support::RawSocket;
using test_support::status_of;

// Holds heavy handlers until the test opens it.
class Gate {
 public:
  void pass() {
    std::unique_lock lock(mutex_);
    ++entered_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return open_; });
  }
  void open() {
    const std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  // Waits (up to 10 s) until n handlers have entered.
  bool entered(int n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return entered_ >= n; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int entered_ = 0;
  bool open_ = false;
};

// Polls a condition for up to 10 s: for states the test cannot wait on directly.
template <typename F>
bool eventually(F condition) {
  for (int i = 0; i < 1000; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

Response text(std::string body) {
  Response response = json(200, std::move(body));
  response.content_type = "text/plain";
  return response;
}

std::string post(const std::string& path, const std::string& body, const std::string& extra = "") {
  return "POST " + path + " HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n" + extra + "\r\n" + body;
}

std::string get(const std::string& path) { return "GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n"; }

// Requests of the queued route, parked until the test answers them.
class Parked {
 public:
  void park(const Request& request, Responder respond) {
    const std::lock_guard lock(mutex_);
    waiting_.emplace_back(request.body, std::move(respond));
  }
  bool count(std::size_t n) {
    return eventually([&] {
      const std::lock_guard lock(mutex_);
      return waiting_.size() == n;
    });
  }
  // Answers every parked request, from a thread of its own.
  void answer_all() {
    std::vector<std::pair<std::string, Responder>> all;
    {
      const std::lock_guard lock(mutex_);
      all.swap(waiting_);
    }
    std::thread([all = std::move(all)] {
      for (const auto& [body, respond] : all) respond(text("queued:" + body));
    }).join();
  }
  void drop_all() {
    const std::lock_guard lock(mutex_);
    waiting_.clear();
  }

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::string, Responder>> waiting_;
};

class JobServer : public testing::Test {
 protected:
  void start(ServerOptions options) {
    Router router;
    router.add_queued("POST", "/queued",
                      [parked = parked_](const Request& request, Responder respond) {
                        if (request.body == "refuse") throw BadRequest("refused before queueing");
                        parked->park(request, std::move(respond));
                      });
    router.add("GET", "/light", [](const Request&) { return text("light"); });
    router.add(
        "POST", "/heavy",
        [gate = gate_](const Request& request) {
          gate->pass();
          return text("heavy:" + request.body);
        },
        Work::heavy);
    router.add(
        "GET", "/items",
        [gate = gate_](const Request& request) {
          if (request.query_value("f") == "big") gate->pass();
          return text("items:" + request.query_value("f").value_or(""));
        },
        [](const Request& request) { return request.query_value("f") == "big"; });
    router.add("POST", "/echo", [](const Request& request) { return text(request.body); });
    router.add("GET", "/big", [](const Request&) { return text(std::string(20 << 20, 'b')); });
    jobs_ = router.job_counters();
    server_ = std::make_unique<HttpServer>(std::move(router), options);
    server_->start();
  }
  std::uint16_t port() const { return server_->port(); }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port()) + path; }

  std::shared_ptr<Gate> gate_ = std::make_shared<Gate>();
  std::shared_ptr<Parked> parked_ = std::make_shared<Parked>();
  std::shared_ptr<JobCounters> jobs_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(JobServer, AFullQueueIs503AtOnceWhileReadsGoOn) {
  ServerOptions options;
  options.threads = 2;
  options.jobs = 1;
  options.job_queue = 1;
  start(options);

  RawSocket running(port());
  running.send_all(post("/heavy", "a"));
  ASSERT_TRUE(gate_->entered(1));
  RawSocket queued(port());
  queued.send_all(post("/heavy", "b"));
  ASSERT_TRUE(eventually([&] { return jobs_->queued.load() == 1; }));

  RawSocket refused(port());
  refused.send_all(post("/heavy", "c"));
  const std::string busy = refused.read_response();
  EXPECT_TRUE(busy.starts_with("HTTP/1.1 503 Service Unavailable\r\n")) << busy;
  EXPECT_NE(busy.find("Retry-After: 2\r\n"), std::string::npos) << busy;
  EXPECT_NE(busy.find("Content-Type: application/problem+json\r\n"), std::string::npos) << busy;
  EXPECT_EQ(Json::parse(body_of(busy))["status"], 503);
  // The predicate routes a download to the full queue too; other formats stay light.
  HttpClient client;
  EXPECT_EQ(client.get(url("/items?f=big")).status, 503);
  EXPECT_EQ(client.get(url("/items?f=json")).body, "items:json");
  EXPECT_EQ(client.get(url("/light")).body, "light");  // reads are not held up
  EXPECT_EQ(jobs_->rejected.load(), 2u);
  EXPECT_EQ(jobs_->running.load(), 1u);

  gate_->open();
  EXPECT_TRUE(body_of(running.read_response()) == "heavy:a");
  EXPECT_TRUE(body_of(queued.read_response()) == "heavy:b");
  EXPECT_TRUE(eventually([&] { return jobs_->completed.load() == 2; }));
}

TEST_F(JobServer, PipelinedRequestsWaitForAJobAndKeepTheirOrder) {
  ServerOptions options;
  options.threads = 1;
  options.jobs = 1;
  start(options);
  RawSocket socket(port());
  socket.send_all(post("/heavy", "one") + get("/light") + post("/heavy", "two") + get("/items?f=big") +
                  post("/echo", "three"));
  ASSERT_TRUE(gate_->entered(1));
  // While the job runs, the same worker serves other connections.
  HttpClient client;
  EXPECT_EQ(client.get(url("/light")).body, "light");
  gate_->open();
  for (const char* expected : {"heavy:one", "light", "heavy:two", "items:big", "three"}) {
    const std::string response = socket.read_response();
    EXPECT_EQ(status_of(response), 200) << response;
    EXPECT_EQ(body_of(response), expected);
  }
}

TEST_F(JobServer, QueuedRequestsHoldNoThreadAndKeepTheirConnectionsOrder) {
  ServerOptions options;
  options.threads = 1;
  options.jobs = 1;
  start(options);
  RawSocket socket(port());
  socket.send_all(post("/queued", "one") + get("/light") + post("/queued", "two"));
  ASSERT_TRUE(parked_->count(1));
  // The one worker serves others meanwhile, and more queued requests than
  // there are threads wait at once.
  HttpClient client;
  EXPECT_EQ(client.get(url("/light")).body, "light");
  RawSocket other(port());
  other.send_all(post("/queued", "three"));
  ASSERT_TRUE(parked_->count(2));
  parked_->answer_all();
  EXPECT_EQ(body_of(other.read_response()), "queued:three");
  for (const char* expected : {"queued:one", "light"}) {
    const std::string response = socket.read_response();
    EXPECT_EQ(status_of(response), 200) << response;
    EXPECT_EQ(body_of(response), expected);
  }
  // The next pipelined request waited for the answer before it was read.
  ASSERT_TRUE(parked_->count(1));
  parked_->answer_all();
  EXPECT_EQ(body_of(socket.read_response()), "queued:two");
}

TEST_F(JobServer, AQueuedRequestRefusedAtOnceOrLeftUnansweredIsAProblem) {
  ServerOptions options;
  options.threads = 1;
  start(options);
  RawSocket socket(port());
  socket.send_all(post("/queued", "refuse") + post("/queued", "lost"));
  const std::string refused = socket.read_response();
  EXPECT_EQ(status_of(refused), 400) << refused;
  EXPECT_EQ(Json::parse(body_of(refused))["detail"], "refused before queueing");
  ASSERT_TRUE(parked_->count(1));
  parked_->drop_all();  // the work was lost: the client still gets an answer
  const std::string lost = socket.read_response();
  EXPECT_EQ(status_of(lost), 503) << lost;
  EXPECT_NE(lost.find("Retry-After: 5\r\n"), std::string::npos) << lost;
  EXPECT_EQ(Json::parse(body_of(lost))["status"], 503);
}

TEST_F(JobServer, StoppingWaitsForQueuedAnswers) {
  ServerOptions options;
  options.threads = 1;
  start(options);
  RawSocket socket(port());
  socket.send_all(post("/queued", "last"));
  ASSERT_TRUE(parked_->count(1));
  std::atomic<bool> answering{false};
  std::thread answerer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    answering = true;
    parked_->answer_all();
  });
  // The answer is handed to the worker's transport: stop() waits for it
  // while that transport exists, rather than let it arrive after.
  server_->stop();
  EXPECT_TRUE(answering.load());
  answerer.join();
}

TEST_F(JobServer, ALeftConnectionNeverGetsItsResponseDeliveredElsewhere) {
  ServerOptions options;
  options.threads = 1;  // one worker: the next connection likely takes the same fd number
  options.jobs = 1;
  start(options);
  {
    RawSocket leaving(port());
    leaving.send_all(post("/heavy", "lost"));
    ASSERT_TRUE(gate_->entered(1));
  }
  RawSocket next(port());
  next.send_all(get("/light"));
  EXPECT_EQ(body_of(next.read_response()), "light");
  gate_->open();
  ASSERT_TRUE(eventually([&] { return jobs_->completed.load() == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // room for a misdelivery to show
  next.send_all(get("/light"));
  const std::string response = next.read_response();
  EXPECT_EQ(body_of(response), "light") << response;
}

TEST_F(JobServer, LargeResponsesToAPipeliningClientArriveWhole) {
  // Each response is over the unwritten-bytes bound, so the connection
  // stops and resumes between them.
  start(ServerOptions{});
  RawSocket socket(port());
  socket.send_all(get("/big") + get("/light") + get("/big") + get("/light"));
  for (const std::size_t size : {std::size_t{20} << 20, std::size_t{5}, std::size_t{20} << 20, std::size_t{5}}) {
    const std::string response = socket.read_response();
    EXPECT_EQ(status_of(response), 200);
    EXPECT_EQ(body_of(response).size(), size);
  }
}

TEST_F(JobServer, AHundredPipelinedRequestsInOneWrite) {
  start(ServerOptions{});
  RawSocket socket(port());
  std::string requests;
  for (int i = 0; i < 100; ++i) requests += i % 2 == 0 ? get("/light") : post("/echo", std::to_string(i));
  socket.send_all(requests);
  for (int i = 0; i < 100; ++i) {
    const std::string response = socket.read_response();
    ASSERT_EQ(status_of(response), 200) << i;
    EXPECT_EQ(body_of(response), i % 2 == 0 ? std::string("light") : std::to_string(i));
  }
}

TEST_F(JobServer, AClientThatHalfClosesAfterPipeliningGetsEveryAnswer) {
  start(ServerOptions{});
  RawSocket socket(port());
  std::string requests;
  for (int i = 0; i < 100; ++i) requests += get("/light");
  socket.send_all(requests);
  socket.shutdown_write();
  for (int i = 0; i < 100; ++i) ASSERT_EQ(body_of(socket.read_response()), "light") << i;
}

TEST_F(JobServer, BodiesThatStopHalfwayAre408) {
  ServerOptions options;
  options.body_timeout = std::chrono::seconds(1);
  start(options);
  RawSocket socket(port());
  socket.send_all("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc");
  const std::string response = socket.read_response();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 408 Request Timeout\r\n")) << response;
  EXPECT_EQ(Json::parse(body_of(response))["detail"], "the request did not arrive within 1 seconds");
  EXPECT_TRUE(socket.closed_by_server());
}

TEST_F(JobServer, GzipRequestBodiesAreInflatedWithinTheBodyLimit) {
  ServerOptions options;
  options.max_request_body = 1 << 20;
  start(options);
  HttpClient client;
  const std::string plain = "lon,lat\n-70.65,-33.45\n";
  auto result = client.post(url("/echo"), gzip(plain), "text/csv", {{"Content-Encoding", "gzip"}});
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, plain);
  result = client.post(url("/echo"), gzip(gzip(plain)), "text/csv", {{"Content-Encoding", "x-gzip, gzip"}});
  EXPECT_EQ(result.body, plain);
  result = client.post(url("/echo"), gzip(plain) + gzip("more\n"), "text/csv", {{"Content-Encoding", "gzip"}});
  EXPECT_EQ(result.body, plain + "more\n");  // members in a row (RFC 1952)

  // 2 MB of zeros squeezed into a few KB: over the 1 MB limit once inflated.
  const std::string bomb = gzip(std::string(2 << 20, '\0'));
  ASSERT_LT(bomb.size(), 10000u);
  result = client.post(url("/echo"), bomb, "text/csv", {{"Content-Encoding", "gzip"}});
  EXPECT_EQ(result.status, 413);
  EXPECT_EQ(result.headers.at("content-type"), "application/problem+json");

  std::string cut = gzip(plain);
  cut.resize(cut.size() - 4);
  EXPECT_EQ(client.post(url("/echo"), cut, "text/csv", {{"Content-Encoding", "gzip"}}).status, 400);
  EXPECT_EQ(client.post(url("/echo"), plain, "text/csv", {{"Content-Encoding", "gzip"}}).status, 400);
  result = client.post(url("/echo"), plain, "text/csv", {{"Content-Encoding", "br"}});
  EXPECT_EQ(result.status, 415);
  EXPECT_EQ(Json::parse(result.body)["allowed"], Json({"gzip", "identity"}));
  EXPECT_EQ(client.post(url("/echo"), plain, "text/csv", {{"Content-Encoding", "identity"}}).body, plain);
}

}  // namespace
}  // namespace server::http
