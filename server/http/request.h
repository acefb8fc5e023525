#pragma once
// A request as handlers see it: plain data, already decoded, with no trace
// of the HTTP library underneath.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace server::http {

struct Request {
  std::string method;  // as sent: "GET", "POST", ...
  std::string path;    // as sent, still percent-encoded, without the query
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order, duplicates kept
  std::map<std::string, std::string> path_params;            // decoded, filled by the router
  std::vector<std::pair<std::string, std::string>> headers;  // lower-case names, in order
  std::string body;

  // A header field by case-insensitive name; repeated fields are joined
  // with ", " as RFC 9110 section 5.3 allows.
  std::optional<std::string> header(std::string_view name) const;

  // The Content-Type's media type without parameters, lower case ("" when
  // the request has none): "Text/CSV; charset=utf-8" is "text/csv".
  std::string media_type() const;

  // The value of a query parameter that must appear at most once: throws
  // BadRequest (naming the parameter) if it is repeated, since silently
  // taking one of several values hides client bugs.
  std::optional<std::string> query_value(std::string_view name) const;

  // Every value of a query parameter that may repeat, in order.
  std::vector<std::string> query_values(std::string_view name) const;

  // A parameter of the route pattern; throws std::logic_error if the
  // pattern has no such {name} (a bug in the handler, hence a 500).
  const std::string& path_param(const std::string& name) const;
};

}  // namespace server::http
