#include "server/http/router.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <future>
#include <set>
#include <stdexcept>

#include "server/http/errors.h"
#include "server/http/url.h"

namespace server::http {
namespace {

using Params = std::map<std::string, std::string>;

// A path echoed in an error detail: enough to recognise it, never the
// 64 KB a client may send.
constexpr std::size_t kShownPath = 200;

std::string shown(const std::string& path) {
  return path.size() <= kShownPath ? path : path.substr(0, kShownPath) + "...";
}

bool is_param_name(std::string_view name) {
  return !name.empty() && std::ranges::all_of(name, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_method(std::string_view method) {
  return !method.empty() && std::ranges::all_of(method, [](char c) { return c >= 'A' && c <= 'Z'; });
}

[[noreturn]] void bad_pattern(std::string_view pattern, const std::string& why) {
  throw std::invalid_argument("route pattern '" + std::string(pattern) + "': " + why);
}

// "GET, HEAD, POST, OPTIONS": a stable, conventional order for Allow.
std::string allow_value(const std::set<std::string>& methods) {
  static constexpr std::array<std::string_view, 7> kOrder = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  std::set<std::string> all = methods;
  if (all.contains("GET")) all.insert("HEAD");
  all.insert("OPTIONS");
  std::vector<std::string> ordered(all.begin(), all.end());
  const auto position = [](const std::string& m) { return std::ranges::find(kOrder, m) - kOrder.begin(); };
  std::ranges::stable_sort(ordered, {}, position);
  std::string value;
  for (const auto& m : ordered) value += (value.empty() ? "" : ", ") + m;
  return value;
}

}  // namespace

void Router::add(std::string method, std::string_view pattern, Handler handler, Work work) {
  RouteOptions options;
  options.work = work;
  add(std::move(method), pattern, std::move(handler), std::move(options));
}

void Router::add(std::string method, std::string_view pattern, Handler handler, HeavyWhen heavy_when) {
  RouteOptions options;
  options.heavy_when = std::move(heavy_when);
  add(std::move(method), pattern, std::move(handler), std::move(options));
}

void Router::add(std::string method, std::string_view pattern, Handler handler, CrossOrigin cross_origin) {
  RouteOptions options;
  options.cross_origin = cross_origin;
  add(std::move(method), pattern, std::move(handler), std::move(options));
}

void Router::add(std::string method, std::string_view pattern, Handler handler, RouteOptions options) {
  if (!handler) throw std::invalid_argument("route " + method + " " + std::string(pattern) + " has no handler");
  if (options.work == Work::queued)
    throw std::invalid_argument("route " + method + " " + std::string(pattern) + ": a queued route takes add_queued");
  add_entry(std::move(method), pattern, Entry{std::move(handler), {}, std::move(options)});
}

void Router::add_queued(std::string method, std::string_view pattern, QueuedHandler handler) {
  if (!handler) throw std::invalid_argument("route " + method + " " + std::string(pattern) + " has no handler");
  RouteOptions options;
  options.work = Work::queued;
  add_entry(std::move(method), pattern, Entry{{}, std::move(handler), std::move(options)});
}

void Router::add_entry(std::string method, std::string_view pattern, Entry entry) {
  if (!is_method(method)) throw std::invalid_argument("route method '" + method + "' is not an upper-case token");
  if (pattern.empty() || pattern.front() != '/') bad_pattern(pattern, "must start with '/'");

  Route route;
  std::set<std::string> names;
  std::string_view rest = pattern.substr(1);
  for (;;) {
    const auto slash = rest.find('/');
    const std::string_view text = rest.substr(0, slash);
    Segment segment;
    if (!text.empty() && text.front() == '{') {
      const auto close = text.find('}');
      if (close == std::string_view::npos) bad_pattern(pattern, "unclosed '{'");
      segment.param = std::string(text.substr(1, close - 1));
      segment.literal = std::string(text.substr(close + 1));
      if (!is_param_name(segment.param)) bad_pattern(pattern, "parameter names are letters, digits and '_'");
      if (!names.insert(segment.param).second) bad_pattern(pattern, "parameter {" + segment.param + "} repeats");
    } else {
      segment.literal = std::string(text);
    }
    if (segment.literal.find_first_of("{}") != std::string::npos) {
      bad_pattern(pattern, "a segment is a literal or {name} with an optional literal suffix");
    }
    route.rank.push_back(segment.param.empty() ? 0 : segment.literal.empty() ? 2 : 1);
    route.segments.push_back(std::move(segment));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }

  // Two patterns of the same shape (differing only in parameter names)
  // would both match; one method on them would be ambiguous.
  const auto same_shape = [&](const Route& other) {
    return std::ranges::equal(other.segments, route.segments, [](const Segment& a, const Segment& b) {
      return a.param.empty() == b.param.empty() && a.literal == b.literal;
    });
  };
  const auto same_pattern = [&](const Route& other) {
    return std::ranges::equal(other.segments, route.segments, [](const Segment& a, const Segment& b) {
      return a.param == b.param && a.literal == b.literal;
    });
  };
  for (const Route& other : routes_) {
    if (same_shape(other) && other.handlers.contains(method)) {
      throw std::invalid_argument("route " + method + " " + std::string(pattern) + " is already defined");
    }
  }
  auto existing = std::ranges::find_if(routes_, same_pattern);
  if (existing == routes_.end()) {
    route.metrics_slot = metrics_->add_route(std::string(pattern));
    routes_.push_back(std::move(route));
    existing = std::prev(routes_.end());
  }
  declared_.emplace_back(method, std::string(pattern));
  existing->handlers.emplace(std::move(method), std::move(entry));
}

Router::Call::Call(const Router& router, Request request)
    : router_(&router), request_(std::move(request)), start_(std::chrono::steady_clock::now()) {}

Router::Call Router::prepare(Request request, std::exception_ptr early_error) const {
  Call call(*this, std::move(request));
  call.routing_error_ = std::move(early_error);
  if (!call.routing_error_) {
    try {
      match(call);
    } catch (...) {
      call.routing_error_ = std::current_exception();
    }
  }
  return call;
}

Response Router::dispatch(Request request) const { return prepare(std::move(request)).run(); }

void Router::match(Call& call) const {
  Request& request = call.request_;
  const std::vector<std::string> segments = path_segments(request.path);

  const auto fits = [&](const Route& route) {
    if (route.segments.size() != segments.size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const Segment& pattern = route.segments[i];
      const std::string& actual = segments[i];
      if (pattern.param.empty()) {
        if (actual != pattern.literal) return false;
        continue;
      }
      // A parameter needs at least one character of its own.
      if (actual.size() <= pattern.literal.size() || !actual.ends_with(pattern.literal)) return false;
    }
    return true;
  };
  const auto entry_for = [&](const Route& route) -> const Entry* {
    auto it = route.handlers.find(request.method);
    if (it == route.handlers.end() && request.method == "HEAD") it = route.handlers.find("GET");
    return it == route.handlers.end() ? nullptr : &it->second;
  };

  // One pass over the routes; the parameters are read from the chosen
  // route only, and the methods of the path only when none is chosen.
  bool path_known = false;
  const Route* best = nullptr;
  const Entry* best_entry = nullptr;
  for (const Route& route : routes_) {
    if (!fits(route)) continue;
    if (!path_known) call.metrics_slot_ = route.metrics_slot;
    path_known = true;
    for (const auto& [method, entry] : route.handlers) {
      // One operator route on a path keeps browsers away from all of it.
      if (entry.options.cross_origin == CrossOrigin::none) call.cross_origin_ = CrossOrigin::none;
    }
    const Entry* entry = entry_for(route);
    if (entry != nullptr && (best == nullptr || route.rank < best->rank)) {
      best = &route;
      best_entry = entry;
    }
  }

  if (!path_known) throw NotFound("no resource at " + shown(request.path));
  if (best_entry == nullptr) {
    std::set<std::string> methods;
    for (const Route& route : routes_) {
      if (!fits(route)) continue;
      for (const auto& [method, entry] : route.handlers) methods.insert(method);
    }
    call.allow_ = allow_value(methods);
    return;
  }
  Params params;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& pattern = best->segments[i];
    if (pattern.param.empty()) continue;
    const std::string& actual = segments[i];
    params.emplace(pattern.param, actual.substr(0, actual.size() - pattern.literal.size()));
  }
  call.metrics_slot_ = best->metrics_slot;
  request.path_params = std::move(params);
  call.entry_ = best_entry;
  const RouteOptions& options = best_entry->options;
  call.work_ = options.work;
  if (call.work_ == Work::light && options.heavy_when) {
    try {
      if (options.heavy_when(request)) call.work_ = Work::heavy;
    } catch (...) {
      // a malformed request fails fast in the handler
    }
  }
}

Response Router::Call::answer_unrouted() {
  if (request_.method == "OPTIONS") return preflight(request_, allow_, cross_origin_, router_->cors_);
  throw MethodNotAllowed("method " + request_.method + " is not allowed on " + shown(request_.path), allow_);
}

struct Responder::State {
  State(Router::Call c, std::function<void(Response)> d) : call(std::move(c)), deliver(std::move(d)) {}
  ~State() {
    fail(std::make_exception_ptr(
        ServiceUnavailable("the server stopped before this request was answered; try again", 5)));
  }
  void answer(Response response) {
    if (!answered.exchange(true)) deliver(call.finish(std::move(response)));
  }
  void fail(std::exception_ptr error) {
    if (!answered.exchange(true)) deliver(call.finish(call.router_->problem_for(std::move(error))));
  }
  Router::Call call;
  std::function<void(Response)> deliver;
  std::atomic<bool> answered{false};  // the first answer wins; later ones are dropped
};

void Responder::operator()(Response response) const { state_->answer(std::move(response)); }
void Responder::fail(std::exception_ptr error) const { state_->fail(std::move(error)); }

void Router::Call::run_queued(std::function<void(Response)> deliver) && {
  if (routing_error_ || entry_ == nullptr || !entry_->queued) {
    deliver(std::move(*this).run());
    return;
  }
  auto state = std::make_shared<Responder::State>(std::move(*this), std::move(deliver));
  const Responder responder(state);
  try {
    state->call.entry_->queued(state->call.request_, responder);  // state keeps the request alive
  } catch (...) {
    responder.fail(std::current_exception());
  }
}

Response Router::Call::run() && {
  if (entry_ != nullptr && entry_->queued && !routing_error_) {
    // Waited for: dispatch() and tests answer queued routes like the others.
    std::promise<Response> answered;
    std::future<Response> response = answered.get_future();
    std::move(*this).run_queued([&answered](Response r) { answered.set_value(std::move(r)); });
    return response.get();
  }
  Response response;
  try {
    if (routing_error_) std::rethrow_exception(routing_error_);
    response = entry_ != nullptr ? entry_->handler(request_) : answer_unrouted();
  } catch (...) {
    response = router_->problem_for(std::current_exception());
  }
  return finish(std::move(response));
}

Response Router::Call::fail(std::exception_ptr error) && { return finish(router_->problem_for(std::move(error))); }

Response Router::problem_for(std::exception_ptr error) const noexcept {
  if (error_mapper_) {
    try {
      error_mapper_(error);
    } catch (...) {
      error = std::current_exception();
    }
  }
  return problem_response(std::move(error));
}

Response Router::Call::finish(Response response) {
  apply_cors(response, request_, cross_origin_, router_->cors_);
  router_->metrics_->record(metrics_slot_, response.status, std::chrono::steady_clock::now() - start_);
  return response;
}

}  // namespace server::http
