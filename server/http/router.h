#pragma once
// Maps a method and a path to a handler. Patterns are absolute paths whose
// segments are literals or a "{name}" optionally followed by a literal
// suffix: "/territories/{code}", "/tiles/{layer}/{z}/{x}/{y}.mvt".
// Routes are added before the server starts; dispatch() is const and may
// then run on many threads at once.
//
// A route may be declared heavy (an upload to join, a whole-layer
// download): the server then runs its handler on the job pool instead of
// the HTTP worker, so that reads keep their latency while it works.
#include <chrono>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http/cors.h"
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/http/route_metrics.h"

namespace server::http {

using Handler = std::function<Response(const Request&)>;

// Answers one request of a queued route, once, from any thread: with the
// response, or with the error to answer as a problem. Copies share the
// request (the handler's `const Request&` lives as long as one of them),
// and a request left unanswered when the last copy goes is answered 503.
class Responder {
 public:
  void operator()(Response response) const;
  void fail(std::exception_ptr error) const;

 private:
  friend class Router;
  struct State;
  explicit Responder(std::shared_ptr<State> state) : state_(std::move(state)) {}
  std::shared_ptr<State> state_;
};

// A handler that hands its work to a queue and answers when it is done
// (writes: the editor's committer and its pipeline). What it throws before
// it returns is answered as a problem at once.
using QueuedHandler = std::function<void(const Request&, Responder)>;

enum class Work {
  light,   // milliseconds: run on the HTTP worker that read the request
  heavy,   // may take seconds of CPU or hundreds of MB: run on the job pool
  queued,  // a QueuedHandler: reads its request on the worker and queues the
           // rest; no thread waits for the store's lock or its fsync
};

// Decides per request whether a route's work is heavy (e.g. GET items
// only when f=gpkg). Must be cheap and must not throw.
using HeavyWhen = std::function<bool(const Request&)>;

struct RouteOptions {
  Work work = Work::light;
  HeavyWhen heavy_when;  // if set, consulted when work is light
  CrossOrigin cross_origin = CrossOrigin::allowed;
};

class Router {
 public:
  struct Route;
  struct Entry;

  // A request matched to its route, not yet run. Move-only; run() or
  // fail() may be called on another thread than prepare(), once.
  class Call {
   public:
    Call(Call&&) noexcept = default;
    Call& operator=(Call&&) noexcept = default;

    // Where the route asked this request to run.
    Work work() const { return work_; }
    // Whether it runs off the HTTP worker (on the job pool or the writer).
    bool heavy() const { return work_ != Work::light; }
    // The request; the caller may still decode its body before run().
    Request& request() { return request_; }

    // Runs the handler (or builds the 404/405/OPTIONS answer). Never
    // throws: failures become problem responses. Adds the CORS fields and
    // records the metrics. A queued route's answer is waited for.
    Response run() &&;
    // A queued route: runs its handler and returns; `deliver` gets the
    // finished response once, on the thread that answered (this one when
    // the handler refused at once). Never throws.
    void run_queued(std::function<void(Response)> deliver) &&;
    // The finished problem response for error (thrown before the handler ran).
    Response fail(std::exception_ptr error) &&;

   private:
    friend class Router;
    friend struct Responder::State;
    Call(const Router& router, Request request);
    Response answer_unrouted();

    Response finish(Response response);

    const Router* router_;
    Request request_;
    const Entry* entry_ = nullptr;  // null: no handler (404, 405, OPTIONS)
    std::exception_ptr routing_error_;
    std::string allow_;             // the path's methods, when entry_ is null and the path is known
    std::size_t metrics_slot_ = RouteMetrics::kNoRoute;
    CrossOrigin cross_origin_ = CrossOrigin::allowed;
    Work work_ = Work::light;
    std::chrono::steady_clock::time_point start_;
  };

  // method: upper-case token ("GET"). A GET route also answers HEAD, and
  // OPTIONS is answered for every path unless a route claims it.
  // Throws std::invalid_argument on a malformed method or pattern, or when
  // the same method is already routed for a pattern of the same shape.
  void add(std::string method, std::string_view pattern, Handler handler, RouteOptions options = {});
  void add(std::string method, std::string_view pattern, Handler handler, Work work);
  void add(std::string method, std::string_view pattern, Handler handler, HeavyWhen heavy_when);
  void add(std::string method, std::string_view pattern, Handler handler, CrossOrigin cross_origin);
  // A route whose handler queues its work (Work::queued).
  void add_queued(std::string method, std::string_view pattern, QueuedHandler handler);

  // Turns the errors of the layers below into HttpErrors: called with every
  // exception a handler throws; rethrows it as an HttpError when it knows
  // it, returns otherwise (the error then becomes a 500).
  using ErrorMapper = std::function<void(std::exception_ptr)>;
  void set_error_mapper(ErrorMapper mapper) { error_mapper_ = std::move(mapper); }
  // The problem response for error, after the mapper has seen it. Never throws.
  Response problem_for(std::exception_ptr error) const noexcept;

  // Origins allowed to send writes from a browser (see cors.h).
  void set_cors(CorsPolicy policy) { cors_ = std::move(policy); }
  const CorsPolicy& cors() const { return cors_; }

  // Matches request to a route. Never throws. early_error: a failure met
  // while building the request (a malformed query); the call then fails
  // with it, through the same CORS and metrics as any other answer.
  Call prepare(Request request, std::exception_ptr early_error = nullptr) const;

  // prepare(request).run(): unknown path -> 404, known path but other
  // method -> 405 with Allow, OPTIONS -> 204 preflight, handler exceptions
  // -> problem responses. For HEAD the GET response is returned whole: the
  // server sends only its head, so that Content-Length stays that of the GET.
  Response dispatch(Request request) const;

  // Every (method, pattern) added, in order: what an API description must declare.
  const std::vector<std::pair<std::string, std::string>>& declared() const { return declared_; }

  // What dispatch() counted and timed, per route pattern; shared, so a
  // /metrics handler added to this router can read it.
  std::shared_ptr<const RouteMetrics> metrics() const { return metrics_; }
  // The job pool's gauges, which the server updates and /metrics reports.
  std::shared_ptr<JobCounters> job_counters() const { return metrics_->jobs(); }

  struct Segment {
    std::string param;    // empty for a literal segment
    std::string literal;  // the literal, or the suffix after {param}
  };
  struct Entry {
    Handler handler;
    QueuedHandler queued;  // instead of handler, for Work::queued
    RouteOptions options;
  };
  struct Route {
    std::vector<Segment> segments;
    std::vector<int> rank;  // per segment: literal 0, {p}suffix 1, {p} 2; lower wins
    std::map<std::string, Entry> handlers;
    std::size_t metrics_slot = 0;
  };

 private:
  void match(Call& call) const;
  void add_entry(std::string method, std::string_view pattern, Entry entry);

  std::vector<Route> routes_;
  std::vector<std::pair<std::string, std::string>> declared_;
  std::shared_ptr<RouteMetrics> metrics_ = std::make_shared<RouteMetrics>();
  CorsPolicy cors_;
  ErrorMapper error_mapper_;
};

}  // namespace server::http
