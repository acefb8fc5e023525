#include "geo/sqlite/wal_checkpointer.h"

#include <sqlite3.h>

namespace geo {

WalCheckpointer::WalCheckpointer(const std::string& path, Database& writer, int pages)
    : writer_(writer), own_(path, Database::Mode::read_write_create, Database::Extensions::none), pages_(pages) {
  // The checkpoint syncs the log before it copies it, and the file after:
  // only then may the writer overwrite the log.
  own_.exec("PRAGMA synchronous = NORMAL");
  thread_ = std::thread([this] { run(); });
  // Replaces the writer's automatic checkpoints (a hook of their own).
  sqlite3_wal_hook(writer_.get(), &WalCheckpointer::on_commit, this);
}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_autocheckpoint(writer_.get(), 1000);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wanted_.notify_all();
  thread_.join();
}

long WalCheckpointer::checkpoints() const {
  std::lock_guard lock(mutex_);
  return done_;
}

// Called by SQLite on the writer's thread after each commit, with the
// pages now in the log.
int WalCheckpointer::on_commit(void* self, sqlite3*, const char*, int pages) {
  auto* c = static_cast<WalCheckpointer*>(self);
  if (pages < c->pages_) return SQLITE_OK;
  {
    std::lock_guard lock(c->mutex_);
    if (c->due_) return SQLITE_OK;
    c->due_ = true;
  }
  c->wanted_.notify_one();
  return SQLITE_OK;
}

void WalCheckpointer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wanted_.wait(lock, [this] { return stopping_ || due_; });
    if (stopping_) return;
    lock.unlock();
    // PASSIVE copies what no reader still needs and never waits: a busy
    // or failed checkpoint leaves the log as it was, to be copied by the
    // next one (as SQLite's automatic checkpoints do).
    int log = 0, copied = 0;
    sqlite3_wal_checkpoint_v2(own_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    lock.lock();
    due_ = false;
    ++done_;
  }
}

}  // namespace geo
