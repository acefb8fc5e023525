// geo::WalCheckpointer: the writer's own checkpoints stop while it lives
// (the log grows past SQLite's 1,000 pages), its thread checkpoints once
// the log is long enough, every commit stays readable, and the writer's
// automatic checkpoints come back when it is gone.
#include "geo/sqlite/wal_checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "geo/sqlite/sqlite_db.h"
#include "tests/support/temp_dir.h"

namespace {

using geo::Database;
using geo::WalCheckpointer;

constexpr std::uintmax_t kPage = 4096;

// One commit of `rows` rows of 4 kB each: each row takes a page of the log.
void write_rows(Database& db, int rows) {
  db.exec("BEGIN");
  for (int i = 0; i < rows; ++i) db.exec("INSERT INTO t(v) VALUES(randomblob(4000))");
  db.exec("COMMIT");
}

std::uintmax_t log_size(const std::string& path) { return std::filesystem::file_size(path + "-wal"); }

class WalCheckpointerTest : public ::testing::Test {
 protected:
  WalCheckpointerTest() : dir_("territorio-checkpointer"), path_(dir_.path("db.sqlite")) {
    writer_ = std::make_unique<Database>(path_, Database::Mode::read_write_create, Database::Extensions::none);
    writer_->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t(v BLOB)");
  }
  std::int64_t rows() {
    Database reader(path_, Database::Mode::read_only, Database::Extensions::none);
    auto st = reader.prepare("SELECT count(*) FROM t");
    st.step();
    return st.integer(0);
  }
  test_support::TempDir dir_;
  std::string path_;
  std::unique_ptr<Database> writer_;
};

TEST_F(WalCheckpointerTest, TheWriterNoLongerCheckpointsItself) {
  const WalCheckpointer checkpointer(path_, *writer_, 1'000'000);
  for (int i = 0; i < 30; ++i) write_rows(*writer_, 100);
  // 3,000 pages in the log: SQLite alone would have restarted it at 1,000.
  EXPECT_GT(log_size(path_), 3000 * kPage);
  EXPECT_EQ(checkpointer.checkpoints(), 0);
  EXPECT_EQ(rows(), 3000);
}

TEST_F(WalCheckpointerTest, ItsThreadCheckpointsAndTheLogStartsAgain) {
  {
    const WalCheckpointer checkpointer(path_, *writer_, 200);
    write_rows(*writer_, 300);
    // Waits for the event, not for a time: the checkpoint is signalled by
    // the commit above and runs on the checkpointer's thread.
    for (int i = 0; i < 6000 && checkpointer.checkpoints() == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_GE(checkpointer.checkpoints(), 1);
    // All copied: the next commit writes the log from its start again.
    const std::uintmax_t before = log_size(path_);
    write_rows(*writer_, 10);
    EXPECT_EQ(log_size(path_), before);
    EXPECT_EQ(rows(), 310);
  }
  // Gone: SQLite checkpoints in the writer's commits again.
  for (int i = 0; i < 30; ++i) write_rows(*writer_, 100);
  EXPECT_LT(log_size(path_), 1500 * kPage);
  EXPECT_EQ(rows(), 3310);
}

}  // namespace
