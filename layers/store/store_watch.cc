#include "layers/store/store_watch.h"

#include <sys/stat.h>

#include "layers/store/store.h"

namespace layers {

namespace {
void stamp_file(const std::string& path, std::int64_t* out) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;
  out[0] = static_cast<std::int64_t>(st.st_ino);
  out[1] = static_cast<std::int64_t>(st.st_size);
  out[2] = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}
}  // namespace

StoreWatch::StoreWatch(std::string locator) : locator_(std::move(locator)) {}

StoreWatch::~StoreWatch() = default;

StoreWatch::Stamp StoreWatch::stamp() {
  Stamp s;
  if (!Store::is_postgres(locator_)) {
    // A write-ahead log changes first; the file itself at a checkpoint.
    stamp_file(locator_, s.values.data());
    stamp_file(locator_ + "-wal", s.values.data() + 3);
    s.present = s.values[0] != 0;
    return s;
  }
  try {
    if (!connection_) connection_ = Store::open(locator_);
    s.values[0] = connection_->generation();
    s.present = true;
  } catch (...) {
    connection_.reset();  // the database is away: connect again at the next poll
  }
  return s;
}

}  // namespace layers
