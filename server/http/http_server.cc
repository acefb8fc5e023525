#include "server/http/http_server.h"

#include <pistache/endpoint.h>

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <utility>

#include "server/http/open_sockets.h"
#include "server/http/pistache_handler.h"

namespace server::http {
namespace {

// Room for the request line and header fields on top of the body limit.
constexpr std::size_t kMaxRequestHead = 64 * 1024;

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
  const auto options = Http::Endpoint::options()
                           .threads(static_cast<int>(threads))
                           .threadsName("http-worker")
                           .flags(Tcp::Options::ReuseAddr)
                           .maxRequestSize(options_.max_request_body + kMaxRequestHead)
                           .maxResponseSize(options_.max_response_body + kMaxRequestHead)
                           .headerTimeout(options_.header_timeout)
                           .bodyTimeout(options_.body_timeout)
                           .keepaliveTimeout(options_.keepalive_timeout);

  auto endpoint = std::make_unique<Http::Endpoint>(Address(options_.address, Port(options_.port)));
  endpoint->init(options);
  // After init(): setHandler() hands the size limits to the handler.
  endpoint->setHandler(std::make_shared<PistacheHandler>(
      router_, Limits{options_.max_request_body, kMaxRequestHead, options_.max_response_body}, sockets_));
  endpoint->serveThreaded();
  port_ = static_cast<std::uint16_t>(endpoint->getPort());
  endpoint_ = std::move(endpoint);
}

void HttpServer::stop() {
  if (!endpoint_) return;
  endpoint_->shutdown();
  endpoint_.reset();  // joins the workers, which shutdown() does not wait for
  sockets_->close_leaked();
  port_ = 0;
}

}  // namespace server::http
