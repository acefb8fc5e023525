#include "layers/join/csv_batches.h"

#include <algorithm>
#include <cstring>

namespace layers::csv {

void BatchCutter::scan(std::string_view buf, std::vector<std::size_t>& cuts) {
  std::size_t i = scanned_;
  const char* s = buf.data();
  const std::size_t n = buf.size();
  while (i < n) {
    const void* qp = std::memchr(s + i, '"', n - i);
    const std::size_t q = qp ? static_cast<std::size_t>(static_cast<const char*>(qp) - s) : n;
    if (!in_quotes_) {
      for (;;) {
        const std::size_t want = std::max(i, last_cut_ + batch_bytes_ - 1);
        if (want >= q) break;
        const void* nl = std::memchr(s + want, '\n', q - want);
        if (!nl) break;
        last_cut_ = static_cast<std::size_t>(static_cast<const char*>(nl) - s) + 1;
        cuts.push_back(last_cut_);
        i = last_cut_;
      }
    }
    if (q == n) break;
    in_quotes_ = !in_quotes_;
    i = q + 1;
  }
  scanned_ = n;
}

std::size_t first_record_end(std::string_view text) {
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    else if (text[i] == '\n' && !quoted) return i + 1;
  }
  return std::string_view::npos;
}

}  // namespace layers::csv
