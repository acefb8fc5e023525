#pragma once
// One client connection's HTTP/1.1 exchange, private to the Pistache
// bridge (pistache_handler.cc): bytes in, requests parsed, answered in
// order, responses out; timeouts and persistence.
//
// Threads: every member runs on the connection's Pistache worker, so the
// state needs no lock. A heavy request runs on the job pool, and a queued
// one (a write) is answered by the thread that finished it; either
// response comes back to the worker through post_to_worker(), and
// meanwhile further pipelined requests wait in the parser's buffer
// (bounded), so responses keep the order of requests. Request deadlines are checked on Pistache's
// own 500 ms tick (idle_clock.h).
//
// Lifetime: the Pistache peer owns this object (peer data); the tick, jobs
// and write completions hold it weakly. A peer Pistache has removed is
// never written to: on_disconnected() marks it closed, and Pistache only
// removes a peer silently (keep-alive timeout) while we have marked it
// idle, when nothing of ours is pending. So a response can never reach
// another connection that inherited the file descriptor number (short of
// Pistache's own window: a write queued in the very loop turn its peer
// leaves, which any synchronous response shares).
#include <chrono>
#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/job_pool.h"
#include "server/http/outstanding.h"
#include "server/http/request_parser.h"
#include "server/http/response.h"
#include "server/http/response_head.h"
#include "server/http/router.h"
#include "server/http/worker_post.h"

namespace Pistache::Tcp {
class Peer;
class Transport;
}  // namespace Pistache::Tcp

namespace server::http {

class IdleClock;

// What all connections of a server share.
struct ServerContext {
  std::shared_ptr<const Router> router;
  ParserLimits parser;
  std::size_t max_response_body = 0;
  std::chrono::milliseconds header_timeout{30000};
  std::chrono::milliseconds body_timeout{60000};
  std::shared_ptr<JobPool> jobs;
  std::shared_ptr<Outstanding> queued;  // queued requests not yet answered
};

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(std::shared_ptr<const ServerContext> context, const std::shared_ptr<Pistache::Tcp::Peer>& peer,
                 Pistache::Tcp::Transport& transport, std::shared_ptr<IdleClock> clock);

  // Right after the connection is accepted: the first request's clock starts.
  void start();
  void on_input(std::string_view bytes);
  // The client left (or the socket failed); nothing more is sent.
  void on_disconnected() {
    closed_ = true;
    streaming_.reset();
  }
  // Every 500 ms (idle_clock.h): answers 408 to a request past its deadline.
  void tick();

 private:
  struct Reply {
    bool head_only = false;
    ConnectionField connection = ConnectionField::none;
  };
  using Clock = std::chrono::steady_clock;

  void pump();
  void handle(ParsedRequest parsed);
  void submit(Router::Call call, Reply reply);
  void start_queued(Router::Call call, Reply reply);
  void job_done(Response response, Reply reply);
  void resume();
  void send(Response response, Reply reply);
  void transmit(Pistache::Tcp::Peer& peer, std::string wire, std::string_view rest);
  void written(std::size_t bytes);
  void pull();
  void fail(std::exception_ptr error);
  void overflow();
  void maybe_continue();
  void settle();
  std::optional<Clock::time_point> deadline() const;
  bool blocked() const;

  std::shared_ptr<const ServerContext> context_;
  std::weak_ptr<Pistache::Tcp::Peer> peer_;
  Pistache::Tcp::Transport* transport_;
  std::shared_ptr<IdleClock> clock_;
  RequestParser parser_;

  bool closed_ = false;           // the peer is gone
  bool closing_ = false;          // the last response is queued; input is ignored
  bool close_after_job_ = false;  // the job's response is the last one
  bool job_in_flight_ = false;
  bool first_request_ = true;     // the accept starts its clock (a silent client gets 408)
  bool continue_sent_ = false;
  bool idle_ = false;
  std::size_t unwritten_ = 0;     // response bytes queued and not yet on the wire
  // The body being sent from its source, a window at a time (pull()); the
  // next pipelined request waits for its end.
  std::shared_ptr<BodySource> streaming_;
  Clock::time_point request_started_;
};

}  // namespace server::http
