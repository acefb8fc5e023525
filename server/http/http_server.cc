#include "server/http/http_server.h"

#include <pistache/endpoint.h>

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <utility>

#include "server/http/job_pool.h"
#include "server/http/open_sockets.h"
#include "server/http/outstanding.h"
#include "server/http/pistache_handler.h"

namespace server::http {
namespace {

// The request line and header fields (RFC 9112 leaves the limit to us).
constexpr std::size_t kMaxRequestHead = 64 * 1024;
constexpr std::size_t kMaxHeaderFields = 100;

}  // namespace

HttpServer::HttpServer(Router router, ServerOptions options)
    : router_(std::make_shared<const Router>(std::move(router))),
      options_(std::move(options)),
      sockets_(std::make_shared<OpenSockets>()) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  if (endpoint_) throw std::logic_error("HttpServer::start: already started");
  using namespace Pistache;
  const unsigned threads = options_.threads != 0 ? options_.threads : std::max(1U, std::thread::hardware_concurrency());
  // Pistache's own parser is not used (pistache_handler.h); its size
  // limits only need to let our requests through.
  const auto options = Http::Endpoint::options()
                           .threads(static_cast<int>(threads))
                           .threadsName("http-worker")
                           .flags(Tcp::Options::ReuseAddr)
                           .maxRequestSize(options_.max_request_body + kMaxRequestHead)
                           .maxResponseSize(options_.max_response_body + kMaxRequestHead)
                           .headerTimeout(options_.header_timeout)
                           .bodyTimeout(options_.body_timeout)
                           .keepaliveTimeout(options_.keepalive_timeout);

  jobs_ = std::make_shared<JobPool>(JobPoolOptions{options_.jobs, options_.job_queue}, router_->job_counters());
  queued_ = std::make_shared<Outstanding>();
  auto context = std::make_shared<ServerContext>();
  context->router = router_;
  context->parser = ParserLimits{kMaxRequestHead, kMaxHeaderFields, options_.max_request_body};
  context->max_response_body = options_.max_response_body;
  context->header_timeout = options_.header_timeout;
  context->body_timeout = options_.body_timeout;
  context->jobs = jobs_;
  context->queued = queued_;

  auto endpoint = std::make_unique<Http::Endpoint>(Address(options_.address, Port(options_.port)));
  endpoint->init(options);
  endpoint->setHandler(std::make_shared<PistacheHandler>(std::move(context), sockets_));
  try {
    endpoint->serveThreaded();
  } catch (...) {
    jobs_->stop();
    jobs_.reset();
    throw;
  }
  port_ = static_cast<std::uint16_t>(endpoint->getPort());
  endpoint_ = std::move(endpoint);
}

void HttpServer::stop() {
  if (!endpoint_) return;
  endpoint_->shutdown();
  // Jobs and queued writes hand their responses to the workers'
  // transports: finish them while those still exist.
  jobs_->stop();
  queued_->close_and_wait();
  endpoint_.reset();  // joins the workers, which shutdown() does not wait for
  jobs_.reset();
  sockets_->close_leaked();
  port_ = 0;
}

}  // namespace server::http
