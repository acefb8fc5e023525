#include "geo/postgres/pg_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <charconv>
#include <iterator>

#include "geo/error.h"

namespace geo {

namespace {
// SQLSTATE lock_not_available: lock_timeout passed waiting for a lock.
constexpr const char* kLockNotAvailable = "55P03";
// SQLSTATE query_canceled: here, only the statement timeout cancels.
constexpr const char* kQueryCanceled = "57014";
// A statement's bound: far above any of ours (a whole store's read at 10^6
// records), so it only ends a statement that would otherwise hang.
constexpr const char* kSession =
    "SET client_encoding = 'UTF8'; SET bytea_output = 'hex'; SET extra_float_digits = 1; "
    "SET lock_timeout = '5s'; SET statement_timeout = '120s'; SET client_min_messages = 'warning'";

// Defaults that conninfo may override (it is expanded after them): a
// connection attempt ends after 5 s, and a peer that stops answering is
// dropped after about 25 s (keep-alives) or 20 s of unacknowledged data.
constexpr const char* kKeys[] = {"connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
                                 "keepalives_count", "tcp_user_timeout", "application_name", "dbname", nullptr};
constexpr const char* kDefaults[] = {"5", "1", "10", "5", "3", "20000", "territorio"};

// The server went away or refuses connections for now: SQLSTATE class 08
// (connection exception), admin_shutdown, crash_shutdown, cannot_connect_now.
bool is_unavailable(const std::string& state) {
  return state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03";
}

pg_conn* connect(const std::string& conninfo) {
  const char* values[std::size(kKeys)];
  std::copy(std::begin(kDefaults), std::end(kDefaults), values);
  values[std::size(kDefaults)] = conninfo.c_str();  // dbname: expanded as a conninfo string or URI
  values[std::size(kKeys) - 1] = nullptr;
  return PQconnectdbParams(kKeys, values, 1);
}

// Notices are dropped, except the server's goodbye: an idle session ended
// by a restart or pg_terminate_backend gets FATAL "terminating connection"
// before its socket closes, and the closing may come a little later. The
// flag lets ready() reconnect on the goodbye instead of sending a statement
// into a socket that is about to close.
void on_notice(void* goodbye, const pg_result* notice) {
  const char* severity = PQresultErrorField(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
  const std::string s = severity ? severity : "";
  if (s == "FATAL" || s == "PANIC") *static_cast<bool*>(goodbye) = true;
}
}  // namespace

PgValue PgValue::real(double v) {
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return {std::string(buf, end), false};
}

void PgConnection::Finish::operator()(pg_conn* c) const { PQfinish(c); }

PgConnection::PgConnection(const std::string& conninfo) : conn_(connect(conninfo)) {
  if (!conn_) throw PgUnavailable("cannot connect to PostgreSQL: out of memory");
  start_session();
}

PgConnection::~PgConnection() = default;

void PgConnection::start_session() {
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    lost_ = true;
    throw PgUnavailable(std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(conn_.get()));
  }
  PQsetNoticeReceiver(conn_.get(), on_notice, &goodbye_);
  lost_ = false;
  goodbye_ = false;
  exec(kSession);
}

void PgConnection::reconnect() {
  PQreset(conn_.get());
  prepared_.clear();  // a new session knows none of them
  start_session();
}

void PgConnection::fail_lost(const std::string& what) {
  lost_ = true;
  throw PgUnavailable(what + ": " + PQerrorMessage(conn_.get()));
}

void PgConnection::ready() {
  if (lost_) throw PgUnavailable("the PostgreSQL connection was lost");
  if (PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) return;  // a transaction's statement: never resent
  // Idle: bytes waiting here are a notification, or the server's goodbye
  // (it was stopped or restarted) followed by the end of the stream.
  pollfd fd{PQsocket(conn_.get()), POLLIN, 0};
  for (int round = 0; round < 4 && fd.fd >= 0 && ::poll(&fd, 1, 0) > 0; ++round) {
    if (PQconsumeInput(conn_.get()) == 0) break;
    PQisBusy(conn_.get());  // parses what came, which may close the connection
    if (PQstatus(conn_.get()) == CONNECTION_BAD || goodbye_) break;
  }
  if (PQstatus(conn_.get()) == CONNECTION_BAD || goodbye_) reconnect();
}

PgResult PgConnection::checked(pg_result* raw, const std::string& what) {
  PgResult result(raw);
  if (PQstatus(conn_.get()) == CONNECTION_BAD) fail_lost(what);
  if (!raw) throw PgError(what + ": " + PQerrorMessage(conn_.get()));
  const ExecStatusType status = PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
  const std::string code = state ? state : "";
  const std::string message = what + ": " + PQresultErrorMessage(raw);
  if (code == kLockNotAvailable || code == kQueryCanceled) throw PgBusy(message, code);
  if (is_unavailable(code)) throw PgUnavailable(message, code);
  throw PgError(message, code);
}

PgResult PgConnection::exec(const std::string& sql) {
  ready();
  return checked(PQexec(conn_.get(), sql.c_str()), "SQL failed");
}

PgResult PgConnection::query(const std::string& sql, const std::vector<PgValue>& values) {
  ready();
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
  if (lost_) throw PgUnavailable("the PostgreSQL connection was lost");
  if (auto ready = take()) return ready;
  pollfd fd{PQsocket(conn_.get()), POLLIN, 0};
  if (fd.fd < 0) fail_lost("the PostgreSQL connection is closed");
  const int rc = ::poll(&fd, 1, static_cast<int>(timeout.count()));
  if (rc < 0) return std::nullopt;  // a signal: the caller waits again
  if (rc > 0) {
    if (PQconsumeInput(conn_.get()) == 0) fail_lost("the PostgreSQL connection failed");
    PQisBusy(conn_.get());  // parses a goodbye, which closes the connection
    if (PQstatus(conn_.get()) == CONNECTION_BAD) fail_lost("the PostgreSQL connection failed");
  }
  return take();
}

}  // namespace geo
