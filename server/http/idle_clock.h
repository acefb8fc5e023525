#pragma once
// What Pistache's idle-peer timer looks at, private to the Pistache bridge.
//
// Pistache 0.0.5 checks every peer of a worker every 500 ms, on the
// worker's thread (TransportImpl::checkIdlePeers in endpoint.cc): it reads
// the request parser stored under Http::Handler::ParserData, takes the
// time of its last reset() and the id of its current step, and then
//   - closes an idle peer (peer->isIdle()) after the keep-alive timeout,
//   - answers 408 with an empty body to a busy peer whose step is the
//     request line or headers (header timeout) or the body (body timeout).
// We parse requests ourselves (request_parser.h), so this parser parses
// nothing. It keeps the keep-alive clock (reset() when a connection turns
// idle), and its step has an id Pistache does not know, so Pistache never
// sends its own bodiless 408. Reading that id is our clock tick instead:
// the connection checks its request deadlines then (HttpConnection::tick),
// which costs no file descriptor per connection, as a timer would.
#include <pistache/http.h>

#include <memory>

namespace server::http {

class HttpConnection;

class IdleClock final : public Pistache::Http::RequestParser {
 public:
  IdleClock();
  // The connection whose deadlines each tick checks.
  void watch(std::weak_ptr<HttpConnection> connection) { connection_ = std::move(connection); }
  void tick() const;

 private:
  std::weak_ptr<HttpConnection> connection_;
};

}  // namespace server::http
