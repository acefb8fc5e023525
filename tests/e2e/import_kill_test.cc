// A 20,000-row import killed with SIGKILL at random moments, while a server
// reads the same store and is itself killed now and then: the store must
// stay intact (PRAGMA integrity_check), every import all or nothing, and a
// restarted server must serve exactly what the store holds.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "geo/sqlite/sqlite_db.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kRows = 20000;
constexpr int kKills = 10;

// `territorio import` as a child we can kill at any moment.
class ImportProcess {
 public:
  ImportProcess(const std::string& store, const std::string& source) {
    pid_ = fork();
    if (pid_ == 0) {
      // Quiet: its progress output is not what this test reads.
      const int null = ::open("/dev/null", O_WRONLY);
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
      execl(TERRITORIO_BIN, TERRITORIO_BIN, "import", "--store", store.c_str(), source.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~ImportProcess() { kill_now(); }
  ImportProcess(const ImportProcess&) = delete;
  ImportProcess& operator=(const ImportProcess&) = delete;

  // SIGKILL unless it has ended; true when it had ended by itself with exit 0.
  bool kill_now() {
    if (pid_ <= 0) return finished_ok_;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      finished_ok_ = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    } else {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      // It may have exited between the two calls.
      finished_ok_ = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    pid_ = -1;
    return finished_ok_;
  }
  // Waits for the end; true on exit 0.
  bool wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    finished_ok_ = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return finished_ok_;
  }

 private:
  pid_t pid_ = -1;
  bool finished_ok_ = false;
};

struct StoreState {
  std::string integrity;
  std::int64_t initiatives = 0;
};

StoreState inspect(const std::string& store) {
  // Read-write: a killed import may leave a hot journal, which the next
  // connection must roll back before reading (as the server and CLI do).
  geo::Database db(store, geo::Database::Mode::read_write_create);
  StoreState state;
  auto check = db.prepare("PRAGMA integrity_check");
  while (check.step()) state.integrity += check.text(0);
  auto count = db.prepare("SELECT count(*) FROM initiatives");
  if (count.step()) state.initiatives = count.integer(0);
  return state;
}

// Point footprints: cheap to load, so the restarted servers stay small
// however many rounds completed.
std::string write_rows(const test_support::TempDir& dir, int batch) {
  const std::string path = dir.path("batch" + std::to_string(batch) + ".csv");
  std::ofstream out(path);
  out << "id,name,lon,lat\n";
  std::mt19937 rng(batch);
  std::uniform_real_distribution<double> lon(-71.2, -70.4), lat(-34.0, -33.2);  // around Santiago
  out.precision(9);
  for (int i = 0; i < kRows; ++i) out << 'k' << batch << '_' << i << ",Iniciativa " << i << ',' << lon(rng) << ',' << lat(rng) << '\n';
  return path;
}

// The server's initiative count once it serves; -1 if it never answers.
std::int64_t served_initiatives(const test_support::ServerProcess& server) {
  test_support::HttpClient client;
  const auto r = client.get(server.url("/readyz"));
  if (r.status != 200) return -1;
  const auto at = r.body.find("\"initiatives\":");
  return at == std::string::npos ? -1 : std::stoll(r.body.substr(at + 14));
}

TEST(ImportKill, EveryImportIsAllOrNothingAndTheStoreStaysIntact) {
  test_support::TempDir dir("territorio-import-kill");
  const std::string store = dir.path("s.sqlite");
  fs::copy_file(TERRITORIO_TEST_STORE, store);
  std::int64_t expected = inspect(store).initiatives;
  ASSERT_GT(expected, 0);

  // One import to the end, to learn how long one takes on this machine.
  const auto started = Clock::now();
  {
    ImportProcess full(store, write_rows(dir, 0));
    ASSERT_TRUE(full.wait());
  }
  const auto full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  expected += kRows;
  ASSERT_EQ(inspect(store).initiatives, expected);

  auto server = std::make_unique<test_support::ServerProcess>(store);
  std::mt19937 rng(13);
  std::uniform_int_distribution<long> delay_ms(10, std::max<long>(20, full_ms * 9 / 10));
  int completed = 0, killed = 0;
  for (int batch = 1; batch <= kKills; ++batch) {
    ImportProcess import(store, write_rows(dir, batch));
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    // Every third round the server dies too, at the same moment.
    if (batch % 3 == 0) server.reset();
    // Killed after its commit (while freeing its records) an import is
    // whole; killed before, it left nothing: all or nothing either way.
    const bool finished = import.kill_now();
    // A server started first meets the killed import's hot journal itself.
    std::int64_t served = -1;
    if (!server) {
      server = std::make_unique<test_support::ServerProcess>(store);
      served = served_initiatives(*server);
    }
    const StoreState state = inspect(store);
    EXPECT_EQ(state.integrity, "ok") << "round " << batch;
    if (finished) {
      EXPECT_EQ(state.initiatives, expected + kRows) << "round " << batch << ": a finished import is whole";
    } else {
      EXPECT_TRUE(state.initiatives == expected || state.initiatives == expected + kRows)
          << "round " << batch << ": a killed import left " << state.initiatives - expected << " of its rows";
    }
    if (served >= 0) {
      EXPECT_EQ(served, state.initiatives) << "round " << batch << ": the server serves the store";
    }
    if (state.initiatives == expected + kRows) ++completed; else ++killed;
    expected = state.initiatives;
  }
  EXPECT_GT(killed, 0) << "no import was interrupted: the delays are too long";

  // A fresh server serves exactly what the store holds.
  server = std::make_unique<test_support::ServerProcess>(store);
  EXPECT_EQ(served_initiatives(*server), expected);
  std::printf("import of %d rows: %lld ms; %d imports killed, %d completed\n", kRows,
              static_cast<long long>(full_ms), killed, completed);
}

}  // namespace
