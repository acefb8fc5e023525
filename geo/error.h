#pragma once
// Typed errors of the geometry and data-access toolkit. Each carries what
// failed and, where known, the native library's own message.
#include <stdexcept>
#include <string>

namespace geo {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A GDAL/OGR call failed (open, read, write); what() holds CPLGetLastErrorMsg().
struct GdalError : Error {
  using Error::Error;
};

// A GEOS operation failed; what() holds the context's last message.
struct GeosError : Error {
  using Error::Error;
};

// A PROJ call failed; what() holds proj_context_errno_string().
struct ProjError : Error {
  using Error::Error;
};

// A SQLite/SpatiaLite call failed; what() holds sqlite3_errmsg() at the call site.
struct SqliteError : Error {
  using Error::Error;
};

// The file is locked by another connection (another process's write) for
// longer than the busy timeout: the call may succeed if tried again later.
struct SqliteBusy : SqliteError {
  using SqliteError::SqliteError;
};

// A PostgreSQL call failed (connect, query); what() holds PQerrorMessage()
// or the result's message, sqlstate the SQLSTATE code when the server sent one.
struct PgError : Error {
  PgError(const std::string& what, std::string state = {}) : Error(what), sqlstate(std::move(state)) {}
  std::string sqlstate;
};

// A lock held by another transaction (another process's write) past the
// lock timeout: the call may succeed if tried again later.
struct PgBusy : PgError {
  using PgError::PgError;
};

// The server cannot be reached, or the connection to it was lost (a
// restart, a network cut): the call may succeed once it is back. What a
// lost connection did is unknown; the transaction it was in is gone.
struct PgUnavailable : PgError {
  using PgError::PgError;
};

// Input that cannot be a valid geometry (bad WKB/WKT, coordinates out of range).
struct GeometryError : Error {
  using Error::Error;
};

// A binary record that is truncated or not what its reader expects
// (binary_io.h): a file of ours damaged or written by another version.
struct FormatError : Error {
  using Error::Error;
};

}  // namespace geo
