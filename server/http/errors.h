#pragma once
// Errors a handler throws to answer with a 4xx status. The detail is meant
// for the client and is sent as is; any other exception is a bug and the
// client only learns "internal error" (the message goes to the log).
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/http/response.h"

namespace server::http {

class HttpError : public std::runtime_error {
 public:
  // extras: further members of the problem object, e.g. {"allowed": [...]}.
  HttpError(int status, std::string detail, nlohmann::json extras = nlohmann::json::object());

  int status() const noexcept { return status_; }
  const std::string& detail() const noexcept { return detail_; }
  const nlohmann::json& extras() const noexcept { return extras_; }
  // Header fields the status requires (Allow for 405, WWW-Authenticate for 401).
  const std::vector<std::pair<std::string, std::string>>& headers() const noexcept { return headers_; }

 protected:
  void add_header(std::string name, std::string value);

 private:
  int status_;
  std::string detail_;
  nlohmann::json extras_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

struct BadRequest : HttpError {
  explicit BadRequest(std::string detail, nlohmann::json extras = nlohmann::json::object());
};

struct Unauthorized : HttpError {
  // challenge: the WWW-Authenticate value RFC 9110 requires on every 401.
  explicit Unauthorized(std::string detail, std::string challenge = "Bearer",
                        nlohmann::json extras = nlohmann::json::object());
};

struct Forbidden : HttpError {
  explicit Forbidden(std::string detail, nlohmann::json extras = nlohmann::json::object());
};

struct NotFound : HttpError {
  explicit NotFound(std::string detail, nlohmann::json extras = nlohmann::json::object());
};

struct MethodNotAllowed : HttpError {
  // allow: the Allow field value, e.g. "GET, HEAD, OPTIONS".
  MethodNotAllowed(std::string detail, std::string allow, nlohmann::json extras = nlohmann::json::object());
};

struct Conflict : HttpError {
  explicit Conflict(std::string detail, nlohmann::json extras = nlohmann::json::object());
};

struct PayloadTooLarge : HttpError {
  explicit PayloadTooLarge(std::string detail, nlohmann::json extras = nlohmann::json::object());
};

struct UnsupportedMediaType : HttpError {
  explicit UnsupportedMediaType(std::string detail, nlohmann::json extras = nlohmann::json::object());
};

// 412 and 428: the conditional request of RFC 9110 / RFC 6585.
struct PreconditionFailed : HttpError {
  explicit PreconditionFailed(std::string detail, nlohmann::json extras = nlohmann::json::object());
};
struct PreconditionRequired : HttpError {
  explicit PreconditionRequired(std::string detail, nlohmann::json extras = nlohmann::json::object());
};

// 429 with Retry-After: this client is over its rate.
struct TooManyRequests : HttpError {
  TooManyRequests(std::string detail, int retry_after_seconds, nlohmann::json extras = nlohmann::json::object());
};

// 503 with Retry-After: the server is busy, not broken; try again later.
struct ServiceUnavailable : HttpError {
  ServiceUnavailable(std::string detail, int retry_after_seconds, nlohmann::json extras = nlohmann::json::object());
};

// The one place an exception becomes a response: an RFC 7807
// application/problem+json body {type, title, status, detail, ...extras}.
// HttpError keeps its status and detail; anything else is a 500 whose real
// message is written to stderr only. Never throws.
Response problem_response(std::exception_ptr error) noexcept;

}  // namespace server::http
