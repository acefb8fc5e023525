#pragma once
// Progress of long commands on stderr: a redrawn bar on a terminal, a line
// every 10 % otherwise (logs stay readable).
#include <cstddef>
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

}  // namespace server
