#include "server/http/errors.h"

#include <iostream>

#include "server/http/status.h"

namespace server::http {
namespace {

constexpr int kInternal = 500;

// A detail may quote what the client sent; a problem document stays small
// whatever that was.
constexpr std::size_t kMaxDetail = 512;

std::string bounded(const std::string& detail) {
  if (detail.size() <= kMaxDetail) return detail;
  std::size_t cut = kMaxDetail;
  // Not inside a UTF-8 sequence: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(detail[cut]) & 0xC0) == 0x80) --cut;
  return detail.substr(0, cut) + "...";
}

Response problem(int status, const std::string& detail, const nlohmann::json& extras) {
  nlohmann::json body = extras.is_object() ? extras : nlohmann::json::object();
  const auto phrase = reason_phrase(status);
  body["type"] = "about:blank";  // RFC 7807: the status alone says what went wrong
  body["title"] = phrase.empty() ? "Error" : std::string(phrase);
  body["status"] = status;
  body["detail"] = bounded(detail);
  Response response;
  response.status = status;
  response.content_type = "application/problem+json";
  // replace: a detail may echo client bytes that are not valid UTF-8.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

void log_internal(const std::string& what) {
  // One write per line so lines from concurrent workers do not interleave.
  std::cerr << ("territorio http: internal error: " + what + "\n") << std::flush;
}

Response internal_error() { return problem(kInternal, "internal error", nlohmann::json::object()); }

}  // namespace

HttpError::HttpError(int status, std::string detail, nlohmann::json extras)
    : std::runtime_error(detail), status_(status), detail_(std::move(detail)), extras_(std::move(extras)) {}

void HttpError::add_header(std::string name, std::string value) {
  headers_.emplace_back(std::move(name), std::move(value));
}

BadRequest::BadRequest(std::string detail, nlohmann::json extras)
    : HttpError(400, std::move(detail), std::move(extras)) {}

Unauthorized::Unauthorized(std::string detail, std::string challenge, nlohmann::json extras)
    : HttpError(401, std::move(detail), std::move(extras)) {
  add_header("WWW-Authenticate", std::move(challenge));
}

Forbidden::Forbidden(std::string detail, nlohmann::json extras)
    : HttpError(403, std::move(detail), std::move(extras)) {}

NotFound::NotFound(std::string detail, nlohmann::json extras)
    : HttpError(404, std::move(detail), std::move(extras)) {}

MethodNotAllowed::MethodNotAllowed(std::string detail, std::string allow, nlohmann::json extras)
    : HttpError(405, std::move(detail), std::move(extras)) {
  add_header("Allow", std::move(allow));
}

Conflict::Conflict(std::string detail, nlohmann::json extras)
    : HttpError(409, std::move(detail), std::move(extras)) {}

PayloadTooLarge::PayloadTooLarge(std::string detail, nlohmann::json extras)
    : HttpError(413, std::move(detail), std::move(extras)) {}

UnsupportedMediaType::UnsupportedMediaType(std::string detail, nlohmann::json extras)
    : HttpError(415, std::move(detail), std::move(extras)) {}

PreconditionFailed::PreconditionFailed(std::string detail, nlohmann::json extras)
    : HttpError(412, std::move(detail), std::move(extras)) {}

PreconditionRequired::PreconditionRequired(std::string detail, nlohmann::json extras)
    : HttpError(428, std::move(detail), std::move(extras)) {}

TooManyRequests::TooManyRequests(std::string detail, int retry_after_seconds, nlohmann::json extras)
    : HttpError(429, std::move(detail), std::move(extras)) {
  add_header("Retry-After", std::to_string(retry_after_seconds));
}

ServiceUnavailable::ServiceUnavailable(std::string detail, int retry_after_seconds, nlohmann::json extras)
    : HttpError(503, std::move(detail), std::move(extras)) {
  add_header("Retry-After", std::to_string(retry_after_seconds));
}

Response problem_response(std::exception_ptr error) noexcept {
  try {
    try {
      if (error) std::rethrow_exception(error);
      log_internal("problem_response called without an exception");
    } catch (const HttpError& e) {
      if (e.status() < 400 || e.status() > 599) {
        log_internal("HttpError with non-error status " + std::to_string(e.status()) + ": " + e.detail());
        return internal_error();
      }
      Response response = problem(e.status(), e.detail(), e.extras());
      response.headers = e.headers();
      return response;
    } catch (const std::exception& e) {
      log_internal(e.what());
    } catch (...) {
      log_internal("unknown exception");
    }
    return internal_error();
  } catch (...) {
    // Building the problem itself failed (out of memory): a fixed answer.
    Response response;
    response.status = kInternal;
    response.content_type = "application/problem+json";
    response.body = R"({"type":"about:blank","title":"Internal Server Error","status":500,"detail":"internal error"})";
    return response;
  }
}

}  // namespace server::http
