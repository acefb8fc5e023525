#pragma once
// Owner of a libpq connection (PGconn) to PostgreSQL. Statements run by
// query() are prepared once per connection and kept, with their values
// bound (never formatted into the SQL). A connection belongs to one
// thread at a time. No call waits without bound: connecting gives up
// after a timeout, a silent peer is noticed by TCP keep-alives, and a
// statement ends at a statement timeout. A connection found lost throws
// PgUnavailable from then on, until its owner calls reconnect(); one
// whose server closed it while it sat idle (a restart) connects again by
// itself before its next statement, since nothing was in flight.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "geo/postgres/pg_result.h"

struct pg_conn;

namespace geo {

// One bound value: no text is SQL NULL; a binary one (bytea: WKB) travels
// as its raw bytes, every other in PostgreSQL's text form.
struct PgValue {
  std::optional<std::string> value;
  bool binary = false;

  static PgValue null() { return {}; }
  static PgValue text(std::string v) { return {std::move(v), false}; }
  static PgValue integer(std::int64_t v) { return {std::to_string(v), false}; }
  static PgValue real(double v);  // shortest text that reads back as v
  static PgValue bytes(std::string v) { return {std::move(v), true}; }
};

class PgConnection {
 public:
  // conninfo: a postgresql:// URI or key=value pairs, as libpq takes them.
  // Sets the session up for our readers: UTF-8, hex bytea, exact floats,
  // and a lock timeout so a write stuck behind another one ends (PgBusy).
  // Its defaults (connect_timeout, keep-alives, application_name) give way
  // to those conninfo sets. Throws PgUnavailable when it cannot connect.
  explicit PgConnection(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one or more statements without values.
  PgResult exec(const std::string& sql);
  // Runs one statement with values $1, $2...; prepared on its first use.
  PgResult query(const std::string& sql, const std::vector<PgValue>& values = {});

  // LISTEN on a channel, and wait up to `timeout` for a notification on
  // it: its payload, or none when the time passed first. Throws
  // PgUnavailable as soon as the server closes the connection.
  void listen(const std::string& channel);
  std::optional<std::string> wait_notification(std::chrono::milliseconds timeout);

  // Whether a call found the connection lost (it threw PgUnavailable).
  bool lost() const { return lost_; }
  // Connects afresh with the same conninfo; statements are prepared again
  // on their next use. Throws PgUnavailable when the server is still away.
  void reconnect();

 private:
  PgResult checked(pg_result* result, const std::string& what);
  // Before a statement: throws when lost; reconnects an idle connection
  // that its server closed.
  void ready();
  [[noreturn]] void fail_lost(const std::string& what);
  void start_session();
  struct Finish {
    void operator()(pg_conn* c) const;
  };
  std::unique_ptr<pg_conn, Finish> conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
  bool lost_ = false;
  bool goodbye_ = false;  // the server said FATAL while the session was idle
};

}  // namespace geo
