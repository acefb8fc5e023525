#include "server/progress_bar.h"

#include <unistd.h>

#include <cstdio>
#include <utility>

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

RateProgress::RateProgress(bool enabled, std::string what)
    : enabled_(enabled), tty_(isatty(STDERR_FILENO) == 1), what_(std::move(what)),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

void RateProgress::operator()(std::size_t records, std::uint64_t done, std::uint64_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const bool last = total > 0 && done >= total;
  if (!last && now - last_ < (tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(1000))) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(records) / seconds : 0;
  const int percent = total ? static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)) : 0;
  std::fprintf(stderr, "%s%s: %zu records, %d %%, %.0f records/s%s", tty_ ? "\r" : "", what_.c_str(), records,
               percent, rate, tty_ ? "\x1b[K" : "\n");
  open_line_ = tty_;
  std::fflush(stderr);
}

void RateProgress::finish() {
  if (open_line_) std::fputc('\n', stderr);
  open_line_ = false;
}

}  // namespace server
