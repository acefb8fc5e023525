#pragma once
// The one place where an error of the domain (layers::DomainError, and the
// access layer's AccessDenied) becomes an HTTP status. A denied access says
// only 401 or 403 and why in general words: the reason (unknown id, bad
// secret, revoked) goes to the log, never to the client. A PostgreSQL
// store that cannot be reached, or is held past its timeouts, is a 503
// with Retry-After (the library's message goes to the log).
#include <exception>

namespace server {

// An http::Router::ErrorMapper: rethrows a domain error as its HttpError,
// returns for anything else.
void map_domain_error(std::exception_ptr error);

}  // namespace server
