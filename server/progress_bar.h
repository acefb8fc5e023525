#pragma once
// Progress of long commands on stderr: a redrawn bar on a terminal, a line
// every 10 % otherwise (logs stay readable). RateProgress: records done, share
// and rate of a stream whose record count is not known ahead (join).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace server {

class ProgressBar {
 public:
  ProgressBar();
  void operator()(std::size_t done, std::size_t total, const std::string& what);
  void finish();

 private:
  bool tty_;
  std::string last_what_;
  int last_decile_ = -1;
  bool open_line_ = false;
};

// Redrawn at most ten times a second on a terminal, a line a second
// otherwise; silent unless enabled.
class RateProgress {
 public:
  RateProgress(bool enabled, std::string what);
  void operator()(std::size_t records, std::uint64_t done, std::uint64_t total);
  void finish();

 private:
  bool enabled_, tty_;
  std::string what_;
  std::chrono::steady_clock::time_point start_, last_;
  bool open_line_ = false;
};

}  // namespace server
