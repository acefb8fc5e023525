#pragma once
// Checkpoints a database's write-ahead log on a thread of its own, so the
// connection that writes never does. By default SQLite checkpoints inside
// the commit that takes the log past 1,000 pages: with group commit that
// was one commit in a hundred, each copying the log's pages into the file
// and syncing it while every writer waited (write_ab, 8 clients: 7-30 %
// more writes a second once checkpoints left the commit). The writer's
// commits only signal the log's length; the checkpointer copies it with a
// PASSIVE checkpoint on its own connection, which never blocks a writer,
// and the writer restarts the log at its start once it is all copied.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "geo/sqlite/sqlite_db.h"

namespace geo {

class WalCheckpointer {
 public:
  // `writer` is the connection that commits to the log at `path`; it must
  // outlive this object and be in WAL mode. Checkpoints begin once the log
  // holds `pages` pages.
  WalCheckpointer(const std::string& path, Database& writer, int pages = 1000);
  // Takes the writer's checkpoints back (SQLite's automatic ones) and
  // stops the thread after any checkpoint running.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Checkpoints run so far (for tests).
  long checkpoints() const;

 private:
  static int on_commit(void* self, sqlite3* db, const char* name, int pages);
  void run();

  Database& writer_;
  Database own_;
  int pages_;
  mutable std::mutex mutex_;
  std::condition_variable wanted_;
  bool due_ = false;
  bool stopping_ = false;
  long done_ = 0;
  std::thread thread_;  // last: started once the rest exists
};

}  // namespace geo
