#pragma once
// Errors of the domain layer. Each names the record or file concerned so a
// user can find and fix it.
#include <stdexcept>
#include <string>

namespace layers {

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

// A lookup for a unit or initiative that does not exist.
struct UnknownUnit : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace layers
