#pragma once
// The bridge between Pistache and our HTTP code, private to http_server.cc.
//
// Pistache stays the TCP transport (accepting, epoll, writing); we parse
// and answer requests ourselves (http_connection.h) from onInput, because
// Pistache 0.0.5 (Debian) answers only the first of several pipelined
// requests, turns a bad Accept field into 415 on every route, answers
// "Connection: Close" to every request that does not itself say
// keep-alive, sends exception messages to the client, and writes a
// response body with one copy per send() call.
#include <pistache/http.h>
#include <pistache/peer.h>

#include <cstddef>
#include <memory>

#include "server/http/http_connection.h"
#include "server/http/open_sockets.h"

namespace server::http {

class PistacheHandler final : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)

  PistacheHandler(std::shared_ptr<const ServerContext> context, std::shared_ptr<OpenSockets> sockets);

  // Never called: onInput answers every request itself.
  void onRequest(const Pistache::Http::Request& request, Pistache::Http::ResponseWriter writer) override;

 private:
  using PeerPtr = std::shared_ptr<Pistache::Tcp::Peer>;

  void onConnection(const PeerPtr& peer) override;
  void onInput(const char* data, std::size_t size, const PeerPtr& peer) override;
  void onDisconnection(const PeerPtr& peer) override;

  std::shared_ptr<const ServerContext> context_;
  std::shared_ptr<OpenSockets> sockets_;
};

}  // namespace server::http
