#include "server/http/pistache_handler.h"

#include <sys/socket.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <new>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "server/http/connection.h"
#include "server/http/cors.h"
#include "server/http/errors.h"
#include "server/http/gzip.h"
#include "server/http/text.h"
#include "server/http/url.h"

namespace server::http {
namespace {

// Pistache's transport copies a queued buffer on every partial send(), so
// one 50 MB buffer costs gigabytes of copying; pieces of this size keep
// the copies proportional to the body.
constexpr std::size_t kPieceBytes = 256 * 1024;

std::optional<std::string> field(const RequestHead& head, std::string_view name) {
  for (const auto& [field_name, value] : head.fields) {
    if (field_name == name) return value;
  }
  return std::nullopt;
}

std::string too_large(std::size_t limit) {
  return "the request body exceeds the limit of " + std::to_string(limit) + " bytes";
}

// The declared body length. RFC 9112 6.3: a Content-Length that is not a
// number, or several that disagree, leave the body's end unknowable (the
// stuff of request smuggling); Pistache itself would read "abc" as 0.
std::optional<std::uint64_t> content_length(const RequestHead& head) {
  std::optional<std::uint64_t> length;
  for (const auto& [name, value] : head.fields) {
    if (name != "content-length") continue;
    std::uint64_t parsed = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (error == std::errc::result_out_of_range) return std::numeric_limits<std::uint64_t>::max();
    if (error != std::errc() || end != value.data() + value.size() || value.empty()) {
      throw BadRequest("Content-Length must be a decimal number of bytes");
    }
    if (length && *length != parsed) throw BadRequest("the request has conflicting Content-Length fields");
    length = parsed;
  }
  return length;
}

// What the client hears when its request cannot be read: Pistache's parse
// errors keep their status and reason; its header parsers throw plain
// exceptions for values they cannot read ("Date: garbage"), which are the
// client's fault too.
std::exception_ptr as_client_error(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const HttpError&) {
    return error;
  } catch (const Pistache::Http::HttpError& e) {
    return std::make_exception_ptr(HttpError(e.code(), e.reason()));
  } catch (const std::bad_alloc&) {
    return error;
  } catch (const std::exception&) {
    return std::make_exception_ptr(BadRequest("the request line or header fields are malformed"));
  } catch (...) {
    return error;
  }
}

}  // namespace

PistacheHandler::PistacheHandler(std::shared_ptr<const Router> router, Limits limits,
                                 std::shared_ptr<OpenSockets> sockets)
    : router_(std::move(router)), limits_(limits), sockets_(std::move(sockets)) {}

void PistacheHandler::onRequest(const Pistache::Http::Request& /*request*/, Pistache::Http::ResponseWriter writer) {
  writer.send(Pistache::Http::Code::Internal_Server_Error);
}

void PistacheHandler::onConnection(const PeerPtr& peer) {
  // Replaces the parser Pistache's Handler::onConnection would install.
  peer->putData(ParserData, std::make_shared<RecordingParser>(getMaxRequestSize()));
  sockets_->add(peer->fd());
}

void PistacheHandler::onInput(const char* data, std::size_t size, const PeerPtr& peer) {
  const auto parser = std::static_pointer_cast<RecordingParser>(getParser(peer));
  if (parser->closing) return;  // the last response is out; the rest is noise
  bool complete = false;
  try {
    complete = read(*parser, data, size, peer);
  } catch (...) {
    abort_connection(*parser, peer, as_client_error(std::current_exception()));
    return;
  }
  if (!complete) return;
  try {
    answer(*parser, peer);
  } catch (...) {
    // answer() turns handler failures into responses itself; this is ours
    // (out of memory, say), after which the connection's state is unknown.
    abort_connection(*parser, peer, std::current_exception());
  }
}

bool PistacheHandler::read(RecordingParser& parser, const char* data, std::size_t size, const PeerPtr& peer) const {
  parser.bytes_fed += size;
  if (!parser.feed(data, size)) throw PayloadTooLarge(too_large(limits_.max_request_body));
  const bool complete = parser.parse() == Pistache::Http::Private::State::Done;
  if (!parser.head_complete()) {
    if (parser.bytes_fed > limits_.max_request_head) {
      throw HttpError(431, "the request line and header fields exceed " + std::to_string(limits_.max_request_head) +
                               " bytes");
    }
    return false;
  }
  if (!parser.head_checked) {
    parser.head_checked = true;
    check_head(parser, peer, complete);
  }
  return complete;
}

// Once per request, when its head is in: check the body's framing, refuse
// an oversized body before it is sent, and tell a client waiting on
// "Expect: 100-continue" to go on (curl waits a second for it before
// sending a body over 1 MiB).
void PistacheHandler::check_head(const RecordingParser& parser, const PeerPtr& peer, bool complete) const {
  const RequestHead head = parse_head(parser);
  const auto length = content_length(head);
  if (length && *length > limits_.max_request_body) throw PayloadTooLarge(too_large(limits_.max_request_body));
  const auto expect = field(head, "expect");
  if (!complete && head.version == "HTTP/1.1" && expect && iequals(*expect, "100-continue")) {
    static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    peer->send(Pistache::RawBuffer(kContinue, kContinue.size()));
  }
}

void PistacheHandler::answer(RecordingParser& parser, const PeerPtr& peer) const {
  RequestHead head = parse_head(parser);
  const bool persistent = wants_persistent(head.version, field(head, "connection")) && !parser.pipelined();
  const ConnectionField connection = !persistent                  ? ConnectionField::close
                                     : head.version == "HTTP/1.1" ? ConnectionField::none
                                                                  : ConnectionField::keep_alive;
  const bool head_only = head.method == "HEAD";
  Response response = respond(std::move(head), parser.request.body());  // body(): a copy
  parser.reset();  // frees the request and restarts Pistache's idle clock
  parser.closing = !persistent;
  send(peer, std::move(response), head_only, connection);
}

Response PistacheHandler::respond(RequestHead head, std::string body) const {
  try {
    if (body.size() > limits_.max_request_body) throw PayloadTooLarge(too_large(limits_.max_request_body));
    const Target target = split_target(head.target);
    Request request;
    request.method = std::move(head.method);
    request.path = std::string(target.path);
    request.query = parse_query(target.query);
    request.headers = std::move(head.fields);
    request.body = std::move(body);
    const auto accept_encoding = request.header("accept-encoding");
    return gzip_if_accepted(accept_encoding, router_->dispatch(std::move(request)));
  } catch (...) {
    Response response = problem_response(std::current_exception());
    allow_any_origin(response);
    return response;
  }
}

// After a request we could not parse, the connection's byte stream cannot
// be trusted: answer, then close.
void PistacheHandler::abort_connection(RecordingParser& parser, const PeerPtr& peer, std::exception_ptr error) const {
  Response response = problem_response(std::move(error));
  allow_any_origin(response);
  parser.reset();
  parser.closing = true;
  send(peer, std::move(response), false, ConnectionField::close);
}

void PistacheHandler::send(const PeerPtr& peer, Response response, bool head_only, ConnectionField connection) const {
  std::string wire;
  try {
    if (response.body.size() > limits_.max_response_body) {
      throw std::length_error("response body of " + std::to_string(response.body.size()) + " bytes exceeds the limit of " +
                              std::to_string(limits_.max_response_body));
    }
    wire = response_head(response, response.body.size(), connection);
  } catch (...) {
    response = problem_response(std::current_exception());
    allow_any_origin(response);
    wire = response_head(response, response.body.size(), connection);
  }

  const std::string_view body =
      head_only || !status_allows_content(response.status) ? std::string_view{} : std::string_view(response.body);
  // The head travels with the first piece so small responses are one write.
  std::size_t offset = std::min(body.size(), kPieceBytes);
  wire.append(body.substr(0, offset));
  const auto queue = [&](std::string bytes) {
    const std::size_t size = bytes.size();  // read before the move below
    return peer->send(Pistache::RawBuffer(std::move(bytes), size));
  };
  auto sent = queue(std::move(wire));
  while (offset < body.size()) {
    sent = queue(std::string(body.substr(offset, kPieceBytes)));
    offset += kPieceBytes;
  }
  // Pistache keeps the peer open until the client leaves or the keep-alive
  // timer fires; to close, we end our side once the last byte is out and
  // let the client's own close finish the connection. Writes resolve on
  // the peer's worker thread while the peer is registered, so fd is valid.
  if (connection == ConnectionField::close) {
    const std::weak_ptr<Pistache::Tcp::Peer> weak = peer;
    sent.then(
        [weak](ssize_t) {
          if (const auto alive = weak.lock()) ::shutdown(alive->fd(), SHUT_WR);
        },
        Pistache::Async::IgnoreException);
  }
  peer->setIdle(true);  // the keep-alive timeout now applies, as after Pistache's own send
}

}  // namespace server::http
