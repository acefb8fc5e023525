#include "server/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace server {

ProgressBar::ProgressBar() : tty_(isatty(STDERR_FILENO) == 1) {}

void ProgressBar::operator()(std::size_t done, std::size_t total, const std::string& what) {
  if (what != last_what_) {
    finish();
    last_what_ = what;
    last_decile_ = -1;
  }
  const double share = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  if (tty_) {
    const int width = 30, filled = static_cast<int>(share * width);
    std::fprintf(stderr, "\r%-24s [%.*s%*s] %zu/%zu", what.c_str(), filled, "##############################",
                 width - filled, "", done, total);
    open_line_ = true;
  } else {
    const int decile = static_cast<int>(share * 10);
    if (decile != last_decile_) {
      std::fprintf(stderr, "%s: %zu/%zu\n", what.c_str(), done, total);
      last_decile_ = decile;
    }
  }
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (open_line_) std::fputc('\n', stderr);
  open_line_ = false;
}

}  // namespace server
