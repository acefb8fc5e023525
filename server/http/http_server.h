#pragma once
// An HTTP/1.1 server answering through a Router, on Pistache worker
// threads, on a job pool for the routes declared heavy, and from the
// threads that finish the work of queued routes (writes). Connections
// persist (keep-alive) unless the client says otherwise, pipelined
// requests are answered in order, idle and silent connections are closed
// by timeouts.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "server/http/router.h"

namespace Pistache::Http {
class Endpoint;
}

namespace server::http {

class JobPool;
class Outstanding;
class OpenSockets;

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: any free port; HttpServer::port() tells which
  unsigned threads = 0;    // 0: one per hardware thread
  std::size_t max_request_body = std::size_t{32} << 20;
  std::size_t max_response_body = std::size_t{512} << 20;  // GeoJSON of whole divisions is big
  // An idle persistent connection is closed after this long.
  std::chrono::milliseconds keepalive_timeout = std::chrono::seconds(60);
  // A client must send its request line and headers within this time, and
  // the whole request within body_timeout; a silent client is answered 408.
  std::chrono::milliseconds header_timeout = std::chrono::seconds(30);
  std::chrono::milliseconds body_timeout = std::chrono::seconds(60);
  // The job pool of heavy routes: threads (0: one per hardware thread) and
  // how many requests may wait for one (0: twice the threads); beyond
  // that a heavy request is answered 503 with Retry-After.
  unsigned jobs = 0;
  std::size_t job_queue = 0;
};

class HttpServer {
 public:
  // Handlers run on the worker threads and the job pool, several at once:
  // they must be safe to call concurrently.
  explicit HttpServer(Router router, ServerOptions options = {});
  ~HttpServer();  // stops the server
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving in background threads. Throws on a bind
  // failure (address in use, bad address) or if already started.
  void start();
  // Closes the listener and all connections and joins the workers.
  // Idempotent.
  void stop();
  // The bound port (useful with port 0); 0 before start().
  std::uint16_t port() const { return port_; }

 private:
  std::shared_ptr<const Router> router_;
  ServerOptions options_;
  std::shared_ptr<OpenSockets> sockets_;
  std::shared_ptr<JobPool> jobs_;
  std::shared_ptr<Outstanding> queued_;  // queued requests (writes) not yet answered
  std::unique_ptr<Pistache::Http::Endpoint> endpoint_;
  std::uint16_t port_ = 0;
};

}  // namespace server::http
