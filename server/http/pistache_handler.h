#pragma once
// The bridge between Pistache and our Router, private to http_server.cc.
//
// We drive each request ourselves from onInput instead of letting
// Pistache's Handler::onInput call onRequest, because Pistache 0.0.5
// (Debian) there answers "Connection: Close" to every request that does not
// itself say keep-alive, sends exception messages to the client, and writes
// a response body with one copy per send() call (slow for large bodies).
#include <pistache/http.h>
#include <pistache/peer.h>

#include <cstddef>
#include <exception>
#include <memory>
#include <string>

#include "server/http/open_sockets.h"
#include "server/http/recording_parser.h"
#include "server/http/response.h"
#include "server/http/response_head.h"
#include "server/http/router.h"

namespace server::http {

struct Limits {
  std::size_t max_request_body;
  std::size_t max_request_head;  // request line and header fields
  std::size_t max_response_body;
};

class PistacheHandler final : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)

  PistacheHandler(std::shared_ptr<const Router> router, Limits limits, std::shared_ptr<OpenSockets> sockets);

  // Never called: onInput answers every request itself.
  void onRequest(const Pistache::Http::Request& request, Pistache::Http::ResponseWriter writer) override;

 private:
  using PeerPtr = std::shared_ptr<Pistache::Tcp::Peer>;

  void onConnection(const PeerPtr& peer) override;
  void onInput(const char* data, std::size_t size, const PeerPtr& peer) override;

  // Feeds input to the parser; true once a whole request is in. Throws
  // when the request cannot be read.
  bool read(RecordingParser& parser, const char* data, std::size_t size, const PeerPtr& peer) const;
  void check_head(const RecordingParser& parser, const PeerPtr& peer, bool complete) const;
  void answer(RecordingParser& parser, const PeerPtr& peer) const;
  Response respond(RequestHead head, std::string body) const;
  void abort_connection(RecordingParser& parser, const PeerPtr& peer, std::exception_ptr error) const;
  void send(const PeerPtr& peer, Response response, bool head_only, ConnectionField connection) const;

  std::shared_ptr<const Router> router_;
  Limits limits_;
  std::shared_ptr<OpenSockets> sockets_;
};

}  // namespace server::http
