#pragma once
// What Pistache's idle-peer timer looks at, private to the Pistache bridge.
//
// Pistache 0.0.5 checks every peer of a worker every 500 ms
// (TransportImpl::checkIdlePeers in endpoint.cc): it reads the request
// parser stored under Http::Handler::ParserData, takes the time of its
// last reset() and the id of its current step, and then
//   - closes an idle peer (peer->isIdle()) after the keep-alive timeout,
//   - answers 408 with an empty body to a busy peer whose step is the
//     request line or headers (header timeout) or the body (body timeout).
// We parse requests ourselves (request_parser.h), so this parser parses
// nothing: it only keeps the keep-alive clock (reset() when a connection
// turns idle) and shows a step id Pistache does not know, so that it never
// sends its own bodiless 408; our connections time out requests themselves.
#include <pistache/http.h>

#include <cstddef>

namespace server::http {

class IdleClock final : public Pistache::Http::RequestParser {
 public:
  IdleClock();
};

}  // namespace server::http
