#pragma once
// The real territorio binary serving on a free port, for end-to-end tests.
// Started with --port 0; the port is read from the line it prints once it
// listens. Stopped with SIGTERM (and waited for) on destruction.
#include <sys/types.h>

#include <string>
#include <vector>

namespace test_support {

class ServerProcess {
 public:
  explicit ServerProcess(const std::string& store, const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path) const;
  // Sends SIGTERM and returns the exit status (as from waitpid).
  int stop();
  // SIGKILL: the process dies at once, mid-write if it was writing.
  void kill_now();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// Runs a command line through the shell; returns its exit code and output.
struct CommandResult {
  int exit_code;
  std::string output;  // stdout and stderr together
};
CommandResult run_command(const std::string& command_line);

}  // namespace test_support
