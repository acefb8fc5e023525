#pragma once
// Errors of the domain layer. Each names the record or file concerned so a
// user can find and fix it.
#include <stdexcept>
#include <string>

namespace layers {

// What went wrong with a request to the domain, in the domain's words; the
// server maps each to one HTTP status in one place (server/domain_errors).
enum class Fault {
  invalid,          // the input is malformed or breaks a rule          -> 400
  too_large,        // the input passes a limit                         -> 413
  not_found,        // no such record                                   -> 404
  conflict,         // the write collides with what is stored           -> 409
  stale,            // the client's version is not the current one      -> 412
  unconditional,    // a write that must name the version it replaces   -> 428
  too_many,         // the writer is over its rate                      -> 429
  busy,             // the store is held by another writer (an import)  -> 503
};

// The root of the errors a client can fix. The message is written for the
// client: it names the record, field or limit, and nothing internal.
struct DomainError : std::runtime_error {
  DomainError(Fault fault, const std::string& detail, int retry_after = 0)
      : std::runtime_error(detail), fault(fault), retry_after(retry_after) {}
  Fault fault;
  int retry_after;  // seconds, for too_many and busy
};

// Bundled or imported data is inconsistent (a missing code, a bad row).
struct DataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A record of an import source cannot be accepted; the import is rolled back.
struct ImportError : std::runtime_error {
  ImportError(std::string record, std::string reason)
      : std::runtime_error("record " + record + ": " + reason), record(std::move(record)), reason(std::move(reason)) {}
  std::string record;
  std::string reason;
};


}  // namespace layers
