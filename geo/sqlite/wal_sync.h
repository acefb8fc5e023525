#pragma once
// Syncs a database's write-ahead log (DATABASE-wal) to disk from any
// thread, apart from the connection that writes it: with
// synchronous=NORMAL a commit only appends to the log, and one sync then
// makes every commit appended before it durable. That is how group commit
// keeps writing while the disk flushes (layers/edit/commit_pipeline.h).
#include <string>

namespace geo {

// fdatasync of database_path + "-wal"; nothing to do when there is no log
// (every commit was checkpointed into the file and the log removed).
// Throws std::system_error when the file cannot be opened or synced.
void sync_write_ahead_log(const std::string& database_path);

}  // namespace geo
