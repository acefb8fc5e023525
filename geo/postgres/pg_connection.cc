#include "geo/postgres/pg_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <charconv>

#include "geo/error.h"

namespace geo {

namespace {
// SQLSTATE lock_not_available: lock_timeout passed waiting for a lock.
constexpr const char* kLockNotAvailable = "55P03";
constexpr const char* kSession =
    "SET client_encoding = 'UTF8'; SET bytea_output = 'hex'; SET extra_float_digits = 1; "
    "SET lock_timeout = '5s'; SET client_min_messages = 'warning'";

void ignore_notice(void*, const char*) {}
}  // namespace

PgValue PgValue::real(double v) {
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return {std::string(buf, end), false};
}

void PgConnection::Finish::operator()(pg_conn* c) const { PQfinish(c); }

PgConnection::PgConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
  if (!conn_) throw PgError("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn_.get()) != CONNECTION_OK)
    throw PgError(std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(conn_.get()));
  PQsetNoticeProcessor(conn_.get(), ignore_notice, nullptr);
  exec(kSession);
}

PgConnection::~PgConnection() = default;

PgResult PgConnection::checked(pg_result* raw, const std::string& what) {
  PgResult result(raw);
  if (!raw) throw PgError(what + ": " + PQerrorMessage(conn_.get()));
  const ExecStatusType status = PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
  const std::string code = state ? state : "";
  const std::string message = what + ": " + PQresultErrorMessage(raw);
  if (code == kLockNotAvailable) throw PgBusy(message, code);
  throw PgError(message, code);
}

PgResult PgConnection::exec(const std::string& sql) { return checked(PQexec(conn_.get(), sql.c_str()), "SQL failed"); }

PgResult PgConnection::query(const std::string& sql, const std::vector<PgValue>& values) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    const std::string name = "s" + std::to_string(prepared_.size() + 1);
    checked(PQprepare(conn_.get(), name.c_str(), sql.c_str(), 0, nullptr), "cannot prepare SQL");
    found = prepared_.emplace(sql, name).first;
  }
  std::vector<const char*> data(values.size());
  std::vector<int> lengths(values.size()), formats(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i].value) continue;
    data[i] = values[i].value->data();
    lengths[i] = static_cast<int>(values[i].value->size());
    formats[i] = values[i].binary ? 1 : 0;
  }
  return checked(PQexecPrepared(conn_.get(), found->second.c_str(), static_cast<int>(values.size()), data.data(),
                                lengths.data(), formats.data(), 0),
                 "SQL failed");
}

void PgConnection::listen(const std::string& channel) {
  // A channel is an identifier: quoted, with any quote doubled.
  std::string quoted = "\"";
  for (char c : channel) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  exec("LISTEN " + quoted + "\"");
}

std::optional<std::string> PgConnection::wait_notification(std::chrono::milliseconds timeout) {
  auto take = [&]() -> std::optional<std::string> {
    PGnotify* n = PQnotifies(conn_.get());
    if (!n) return std::nullopt;
    std::string payload = n->extra ? n->extra : "";
    PQfreemem(n);
    return payload;
  };
  if (auto ready = take()) return ready;
  pollfd fd{PQsocket(conn_.get()), POLLIN, 0};
  if (fd.fd < 0) throw PgError("the PostgreSQL connection is closed");
  const int rc = ::poll(&fd, 1, static_cast<int>(timeout.count()));
  if (rc < 0) return std::nullopt;  // a signal: the caller waits again
  if (rc > 0 && PQconsumeInput(conn_.get()) == 0)
    throw PgError(std::string("the PostgreSQL connection failed: ") + PQerrorMessage(conn_.get()));
  return take();
}

}  // namespace geo
