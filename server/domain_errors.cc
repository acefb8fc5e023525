#include "server/domain_errors.h"

#include <cstdio>

#include "geo/error.h"
#include "layers/access/credentials.h"
#include "layers/errors.h"
#include "server/http/errors.h"

namespace server {

namespace {

// RFC 6750: the challenge names the realm; an invalid token says so.
constexpr const char* kChallenge = "Bearer realm=\"territorio\"";
constexpr const char* kInvalidChallenge = "Bearer realm=\"territorio\", error=\"invalid_token\"";
// The database of a PostgreSQL store is away (restarting, failing over) or
// held past its timeouts: reads of the snapshot go on; what needs the
// database (a write, its token, a record's history) may be tried again.
constexpr int kStoreRetrySeconds = 5;

[[noreturn]] void throw_denied(const layers::access::AccessDenied& e) {
  using layers::access::Denial;
  switch (e.why) {
    case Denial::missing:
      throw http::Unauthorized("this request needs a bearer token: Authorization: Bearer trt_...", kChallenge);
    case Denial::out_of_scope:
      // The detail names regions and records the client sent or may read anyway.
      throw http::Forbidden(e.what());
    case Denial::malformed:
    case Denial::unknown:
    case Denial::expired:
    case Denial::revoked:
      break;
  }
  std::fprintf(stderr, "territorio: access denied: %s\n", e.what());
  throw http::Unauthorized("the bearer token is not valid (unknown, expired or revoked)", kInvalidChallenge);
}

}  // namespace

void map_domain_error(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const layers::access::AccessDenied& e) {
    throw_denied(e);
  } catch (const layers::DomainError& e) {
    using layers::Fault;
    switch (e.fault) {
      case Fault::invalid: throw http::BadRequest(e.what());
      case Fault::too_large: throw http::PayloadTooLarge(e.what());
      case Fault::not_found: throw http::NotFound(e.what());
      case Fault::conflict: throw http::Conflict(e.what());
      case Fault::stale: throw http::PreconditionFailed(e.what());
      case Fault::unconditional: throw http::PreconditionRequired(e.what());
      case Fault::too_many: throw http::TooManyRequests(e.what(), e.retry_after > 0 ? e.retry_after : 1);
      case Fault::busy: throw http::ServiceUnavailable(e.what(), e.retry_after > 0 ? e.retry_after : 1);
    }
  } catch (const geo::PgUnavailable& e) {
    std::fprintf(stderr, "territorio: store unavailable: %s\n", e.what());
    throw http::ServiceUnavailable("the registry's database cannot be reached right now: try again shortly",
                                   kStoreRetrySeconds);
  } catch (const geo::PgBusy& e) {
    std::fprintf(stderr, "territorio: store busy: %s\n", e.what());
    throw http::ServiceUnavailable("the registry's database is busy: try again shortly", kStoreRetrySeconds);
  } catch (...) {
  }
}

}  // namespace server
