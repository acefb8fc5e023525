#include "server/http/http_connection.h"

#include <pistache/peer.h>
#include <pistache/transport.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <iostream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "server/http/connection.h"
#include "server/http/content_coding.h"
#include "server/http/errors.h"
#include "server/http/gzip.h"
#include "server/http/idle_clock.h"
#include "server/http/security_headers.h"
#include "server/http/text.h"
#include "server/http/url.h"

namespace server::http {
namespace {

// Pistache's transport copies a queued buffer on every partial send(), so
// one 50 MB buffer costs gigabytes of copying; pieces of this size keep
// the copies proportional to the body.
constexpr std::size_t kPieceBytes = 256 * 1024;

// Above this many response bytes waiting for a client that does not read,
// its further pipelined requests wait too: what we hold for one connection
// stays bounded.
constexpr std::size_t kUnwrittenHighWater = 8 * 1024 * 1024;

// Bytes of a streamed body queued ahead of the socket at most: the memory a
// download holds per connection, whatever its length.
constexpr std::size_t kStreamWindow = 4 * kPieceBytes;

// How long a client refused for a full job queue should wait.
constexpr int kRetryAfterSeconds = 2;

// A queued route's request with a larger body is read on the job pool: its
// parsing and validation (a polygon of many vertices) would hold the
// worker, and every connection it serves, for too long.
constexpr std::size_t kQueuedOnWorkerBytes = 64 * 1024;

std::optional<std::string> field(const RequestHead& head, std::string_view name) {
  for (const auto& [field_name, value] : head.fields) {
    if (field_name == name) return value;
  }
  return std::nullopt;
}

void log_error(const std::string& what) {
  std::cerr << ("territorio http: " + what + "\n") << std::flush;
}

// Decodes the body, runs the handler, compresses: the part of answering a
// request that may run on a job pool thread. Never throws.
Response respond(Router::Call call, std::size_t max_body) noexcept {
  try {
    const auto accept_encoding = call.request().header("accept-encoding");
    Response response;
    std::exception_ptr refused;
    try {
      decode_content(call.request(), max_body);
    } catch (...) {
      refused = std::current_exception();
    }
    response = refused ? std::move(call).fail(refused) : std::move(call).run();
    return gzip_if_accepted(accept_encoding, std::move(response));
  } catch (...) {
    return problem_response(std::current_exception());
  }
}

std::string seconds(std::chrono::milliseconds ms) { return std::to_string((ms.count() + 999) / 1000); }

}  // namespace

HttpConnection::HttpConnection(std::shared_ptr<const ServerContext> context,
                               const std::shared_ptr<Pistache::Tcp::Peer>& peer, Pistache::Tcp::Transport& transport,
                               std::shared_ptr<IdleClock> clock)
    : context_(std::move(context)),
      peer_(peer),
      transport_(&transport),
      clock_(std::move(clock)),
      parser_(context_->parser) {}

void HttpConnection::start() {
  request_started_ = Clock::now();
  settle();
}

void HttpConnection::on_input(std::string_view bytes) {
  if (closed_ || closing_) return;  // after the last response, the rest is noise
  if (!parser_.started()) request_started_ = Clock::now();
  if (blocked()) {
    // Pipelined requests behind a running job: keep at most one request's
    // worth, the most a single request may need.
    const std::size_t room = context_->parser.max_head + context_->parser.max_body;
    if (parser_.buffered() + bytes.size() > room) {
      overflow();
      return;
    }
    parser_.feed(bytes);
    settle();
    return;
  }
  parser_.feed(bytes);
  pump();
}

bool HttpConnection::blocked() const {
  return job_in_flight_ || streaming_ || unwritten_ > kUnwrittenHighWater;
}

void HttpConnection::pump() {
  while (!closed_ && !closing_ && !blocked()) {
    bool complete = false;
    try {
      complete = parser_.advance();
    } catch (...) {
      fail(std::current_exception());
      return;
    }
    if (!complete) {
      maybe_continue();
      break;
    }
    continue_sent_ = false;
    first_request_ = false;
    try {
      handle(parser_.take());
    } catch (...) {
      // handle() answers handler failures itself; this is ours (out of
      // memory, say), after which the connection's state is unknown.
      fail(std::current_exception());
      return;
    }
    if (parser_.started()) request_started_ = Clock::now();  // a pipelined request's turn
  }
  settle();
}

// Tells a client waiting on "Expect: 100-continue" to send its body (curl
// waits a second for it before sending a body over 1 MiB).
void HttpConnection::maybe_continue() {
  if (continue_sent_ || !parser_.head_complete() || parser_.body_complete()) return;
  const RequestHead& head = parser_.head();
  const auto expect = field(head, "expect");
  if (head.version != "HTTP/1.1" || !expect || !iequals(*expect, "100-continue")) return;
  continue_sent_ = true;
  if (const auto peer = peer_.lock()) transmit(*peer, "HTTP/1.1 100 Continue\r\n\r\n", {});
}

void HttpConnection::handle(ParsedRequest parsed) {
  RequestHead& head = parsed.head;
  const bool persistent = wants_persistent(head.version, field(head, "connection"));
  Reply reply;
  reply.head_only = head.method == "HEAD";
  reply.connection = !persistent                  ? ConnectionField::close
                     : head.version == "HTTP/1.1" ? ConnectionField::none
                                                  : ConnectionField::keep_alive;
  Request request;
  request.method = std::move(head.method);
  request.headers = std::move(head.fields);
  request.body = std::move(parsed.body);
  std::exception_ptr malformed;
  try {
    const Target target = split_target(head.target);
    request.path = std::string(target.path);
    request.query = parse_query(target.query);
  } catch (...) {
    malformed = std::current_exception();
  }
  Router::Call call = context_->router->prepare(std::move(request), malformed);
  if (call.work() == Work::queued && call.request().body.size() <= kQueuedOnWorkerBytes) {
    start_queued(std::move(call), reply);
    return;
  }
  if (call.heavy()) {
    submit(std::move(call), reply);
    return;
  }
  send(respond(std::move(call), context_->parser.max_body), reply);
}

void HttpConnection::submit(Router::Call call, Reply reply) {
  auto shared_call = std::make_shared<Router::Call>(std::move(call));
  const std::weak_ptr<HttpConnection> weak = weak_from_this();
  Pistache::Tcp::Transport* transport = transport_;
  const std::shared_ptr<const ServerContext> context = context_;
  const bool write = shared_call->work() == Work::queued;
  const bool queued = context_->jobs->try_submit([shared_call, weak, transport, context, reply] {
    auto response = std::make_shared<Response>(respond(std::move(*shared_call), context->parser.max_body));
    try {
      post_to_worker(*transport, [weak, response, reply] {
        if (const auto self = weak.lock()) self->job_done(std::move(*response), reply);
      });
    } catch (const std::exception& e) {
      log_error(std::string("a job's response is lost: ") + e.what());
    }
  });
  if (queued) {
    job_in_flight_ = true;
    return;
  }
  send(std::move(*shared_call)
           .fail(std::make_exception_ptr(ServiceUnavailable(
               write ? "the server is busy with other writes; try again shortly"
                     : "the server is busy with other uploads and downloads; try again shortly",
               kRetryAfterSeconds))),
       reply);
}

// Runs the handler here; it queues the work, and the thread that finishes
// it hands the response back to this worker. A handler that refuses at
// once answers on this thread, inside run_queued(): that response is sent
// directly.
void HttpConnection::start_queued(Router::Call call, Reply reply) {
  Outstanding& outstanding = *context_->queued;
  if (!outstanding.try_add()) {
    send(std::move(call).fail(std::make_exception_ptr(
             ServiceUnavailable("the server is stopping; try again shortly", kRetryAfterSeconds))),
         reply);
    return;
  }
  try {
    decode_content(call.request(), context_->parser.max_body);
  } catch (...) {
    outstanding.remove();
    send(std::move(call).fail(std::current_exception()), reply);
    return;
  }
  struct Handoff {
    std::mutex mutex;
    bool started = false;           // run_queued() has returned
    std::optional<Response> early;  // answered before it returned
  };
  auto handoff = std::make_shared<Handoff>();
  const std::weak_ptr<HttpConnection> weak = weak_from_this();
  Pistache::Tcp::Transport* transport = transport_;
  const std::shared_ptr<const ServerContext> context = context_;
  const auto accept_encoding = call.request().header("accept-encoding");
  std::move(call).run_queued([handoff, weak, transport, context, reply, accept_encoding](Response answer) {
    // Whatever happens here, the count goes down: a stopping server waits for it.
    std::shared_ptr<Response> response;
    try {
      response = std::make_shared<Response>(gzip_if_accepted(accept_encoding, std::move(answer)));
    } catch (...) {
      response = std::make_shared<Response>(problem_response(std::current_exception()));
    }
    {
      std::lock_guard lock(handoff->mutex);
      if (!handoff->started) {
        handoff->early = std::move(*response);
        return;
      }
    }
    try {
      post_to_worker(*transport, [weak, response, reply] {
        if (const auto self = weak.lock()) self->job_done(std::move(*response), reply);
      });
    } catch (...) {
      log_error("a write's response is lost: it could not be handed to its worker");
    }
    context->queued->remove();
  });
  std::optional<Response> early;
  {
    std::lock_guard lock(handoff->mutex);
    handoff->started = true;
    early = std::move(handoff->early);
  }
  if (early) {
    outstanding.remove();
    send(std::move(*early), reply);
    return;
  }
  job_in_flight_ = true;
}

void HttpConnection::job_done(Response response, Reply reply) {
  job_in_flight_ = false;
  if (closed_) return;
  if (close_after_job_) reply.connection = ConnectionField::close;
  send(std::move(response), reply);
  resume();
}

// A request that waited behind a job or unread output gets its full time
// from now: the wait was ours, not the client's.
void HttpConnection::resume() {
  if (blocked()) {
    settle();
    return;
  }
  if (parser_.started()) request_started_ = Clock::now();
  pump();
}

void HttpConnection::send(Response response, Reply reply) {
  const auto peer = peer_.lock();
  if (!peer || closed_) return;
  add_security_headers(response);
  std::string wire;
  try {
    const std::size_t size = response.stream ? response.stream->size() : response.body.size();
    if (size > context_->max_response_body) {
      throw std::length_error("response body of " + std::to_string(size) + " bytes exceeds the limit of " +
                              std::to_string(context_->max_response_body));
    }
    const bool inline_body = !response.stream && !reply.head_only && status_allows_content(response.status);
    wire = response_head(response, size, reply.connection, inline_body ? std::min(size, kPieceBytes) : 0);
  } catch (...) {
    response = problem_response(std::current_exception());
    add_security_headers(response);
    wire = response_head(response, response.body.size(), reply.connection);
  }
  if (reply.connection == ConnectionField::close) closing_ = true;

  if (response.stream) {
    // The head goes alone; the body follows from its source as the socket
    // drains (written() pulls more), so only a window of it is in memory.
    if (!reply.head_only && status_allows_content(response.status)) streaming_ = std::move(response.stream);
    transmit(*peer, std::move(wire), {});
    pull();
    return;
  }

  const std::string_view body = reply.head_only || !status_allows_content(response.status)
                                    ? std::string_view{}
                                    : std::string_view(response.body);
  transmit(*peer, std::move(wire), body);
}

// Writes at once what the socket takes when nothing of ours waits in
// Pistache's queue (the order stays), and queues the rest. Writing at once
// also means a client that half-closes after pipelining still gets its
// answers: Pistache drops a peer, and its queued writes, on reading EOF.
void HttpConnection::transmit(Pistache::Tcp::Peer& peer, std::string wire, std::string_view rest) {
  if (unwritten_ == 0) {
    // Head and body in one gathered write, the body from its own buffer:
    // no copy of it on our side when the socket takes it all.
    iovec parts[2] = {{wire.data(), wire.size()}, {const_cast<char*>(rest.data()), rest.size()}};
    msghdr message{};
    message.msg_iov = parts;
    message.msg_iovlen = rest.empty() ? 1 : 2;
    const ssize_t n = ::sendmsg(peer.fd(), &message, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {  // on an error Pistache's write reports it
      const std::size_t of_wire = std::min(static_cast<std::size_t>(n), wire.size());
      wire.erase(0, of_wire);
      rest.remove_prefix(static_cast<std::size_t>(n) - of_wire);
    }
  }
  if (!rest.empty() && wire.size() + rest.size() <= kPieceBytes) {
    // What waits goes as one queued piece, so a small response stays one write.
    wire.append(rest);
    rest = {};
  }
  const std::size_t total = wire.size() + rest.size();
  if (total == 0) {
    if (closing_ && !job_in_flight_ && !streaming_) ::shutdown(peer.fd(), SHUT_WR);
    return;
  }
  unwritten_ += total;
  const auto queue = [&](std::string bytes) {
    const std::size_t size = bytes.size();  // read before the move below
    return peer.send(Pistache::RawBuffer(std::move(bytes), size));
  };
  std::optional<Pistache::Async::Promise<ssize_t>> sent;
  if (!wire.empty()) sent = queue(std::move(wire));
  for (std::size_t offset = 0; offset < rest.size(); offset += kPieceBytes) {
    sent = queue(std::string(rest.substr(offset, kPieceBytes)));
  }
  // Writes complete in order on this worker; the last one settles them all.
  const std::weak_ptr<HttpConnection> weak = weak_from_this();
  sent->then(
      [weak, total](ssize_t) {
        if (const auto self = weak.lock()) self->written(total);
      },
      Pistache::Async::IgnoreException);
}

// Queues the next pieces of the streamed body while less than a window
// waits for the socket; at the end of the source, the stream is done.
void HttpConnection::pull() {
  const auto peer = peer_.lock();
  if (!peer || closed_) {
    streaming_.reset();
    return;
  }
  while (streaming_ && unwritten_ < kStreamWindow) {
    std::string piece;
    try {
      piece = streaming_->read(kPieceBytes);
    } catch (const std::exception& e) {
      // The head promised more bytes than will come: the client must see
      // the connection end rather than wait for them.
      log_error(std::string("a streamed body failed: ") + e.what());
      streaming_.reset();
      closing_ = true;
      ::shutdown(peer->fd(), SHUT_RDWR);
      return;
    }
    if (piece.empty()) {
      streaming_.reset();
      break;
    }
    transmit(*peer, std::move(piece), {});
  }
  if (!streaming_ && closing_ && unwritten_ == 0 && !job_in_flight_) ::shutdown(peer->fd(), SHUT_WR);
}

void HttpConnection::written(std::size_t bytes) {
  const bool was_blocked = blocked();
  unwritten_ -= std::min(bytes, unwritten_);
  if (closed_) return;
  if (streaming_) pull();
  if (closing_ && unwritten_ == 0 && !job_in_flight_ && !streaming_) {
    // Pistache keeps the peer until the client leaves or the keep-alive
    // timeout; to close, we end our side once the last byte is out and let
    // the client's own close finish the connection.
    if (const auto peer = peer_.lock()) ::shutdown(peer->fd(), SHUT_WR);
  }
  if (was_blocked && !blocked()) {
    resume();
  } else {
    settle();
  }
}

// After a request we could not read, the byte stream cannot be trusted:
// answer, then close.
void HttpConnection::fail(std::exception_ptr error) {
  parser_ = RequestParser(context_->parser);
  send(problem_response(std::move(error)), Reply{false, ConnectionField::close});
  settle();
}

// A client pipelined more than we keep while a job runs: its buffered
// requests are dropped and the connection closes after the running job's
// response; a client that pipelines retries what was not answered.
void HttpConnection::overflow() {
  parser_ = RequestParser(context_->parser);
  if (job_in_flight_) {
    close_after_job_ = true;
  } else {
    closing_ = true;
    written(0);
  }
}

// Keeps Pistache's view (idle or not, for its keep-alive timeout) in step
// with the connection's state.
void HttpConnection::settle() {
  if (closed_) return;
  const auto peer = peer_.lock();
  if (!peer) return;
  const bool idle =
      unwritten_ == 0 && !job_in_flight_ && !streaming_ && (closing_ || (!parser_.started() && !first_request_));
  if (idle && !idle_) clock_->reset();  // the keep-alive timeout counts from now
  idle_ = idle;
  peer->setIdle(idle);
}

// When the request being read must be complete: the header timeout for
// its head, the body timeout for all of it, both from its first byte (or
// from the accept, for a connection's first request).
std::optional<HttpConnection::Clock::time_point> HttpConnection::deadline() const {
  if (closing_ || blocked() || (!parser_.started() && !first_request_)) return std::nullopt;
  return request_started_ + (parser_.head_complete() ? context_->body_timeout : context_->header_timeout);
}

void HttpConnection::tick() {
  if (closed_) return;
  const auto due = deadline();
  if (!due || Clock::now() < *due) return;
  const auto limit = parser_.head_complete() ? context_->body_timeout : context_->header_timeout;
  fail(std::make_exception_ptr(HttpError(408, "the request did not arrive within " + seconds(limit) + " seconds")));
}

}  // namespace server::http
