#pragma once
// Maps a method and a path to a handler. Patterns are absolute paths whose
// segments are literals or a "{name}" optionally followed by a literal
// suffix: "/territories/{code}", "/tiles/{layer}/{z}/{x}/{y}.mvt".
// Routes are added before the server starts; dispatch() is const and may
// then run on many threads at once.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http/request.h"
#include "server/http/response.h"
#include "server/http/route_metrics.h"

namespace server::http {

using Handler = std::function<Response(const Request&)>;

class Router {
 public:
  // method: upper-case token ("GET"). A GET route also answers HEAD, and
  // OPTIONS is answered for every path unless a route claims it.
  // Throws std::invalid_argument on a malformed method or pattern, or when
  // the same method is already routed for a pattern of the same shape.
  void add(std::string method, std::string_view pattern, Handler handler);

  // Never throws: unknown path -> 404, known path but other method -> 405
  // with Allow, OPTIONS -> 204 preflight, handler exceptions -> problem
  // responses. Every response allows any origin (CORS). For HEAD the GET
  // response is returned whole: the server sends only its head, so that
  // Content-Length stays that of the GET.
  Response dispatch(Request request) const;

  // Every (method, pattern) added, in order: what an API description must declare.
  const std::vector<std::pair<std::string, std::string>>& declared() const { return declared_; }

  // What dispatch() counted and timed, per route pattern; shared, so a
  // /metrics handler added to this router can read it.
  std::shared_ptr<const RouteMetrics> metrics() const { return metrics_; }

 private:
  struct Segment {
    std::string param;    // empty for a literal segment
    std::string literal;  // the literal, or the suffix after {param}
  };
  struct Route {
    std::vector<Segment> segments;
    std::vector<int> rank;  // per segment: literal 0, {p}suffix 1, {p} 2; lower wins
    std::map<std::string, Handler> handlers;
    std::size_t metrics_slot = 0;
  };

  // matched: set to the metrics slot of the route whose pattern the path fits.
  Response route(Request& request, std::size_t& matched) const;

  std::vector<Route> routes_;
  std::vector<std::pair<std::string, std::string>> declared_;
  std::shared_ptr<RouteMetrics> metrics_ = std::make_shared<RouteMetrics>();
};

}  // namespace server::http
