#pragma once
// What the snapshot's watcher polls to notice that the store changed under
// it (another process's import or write): for a SpatiaLite file, the
// identity, size and time of the file and of its write-ahead log; for a
// PostgreSQL store, its generation, read over a connection kept for it.
// Cheap by design: a poll must not read the store.
#include <array>
#include <cstdint>
#include <memory>
#include <string>

namespace layers {

class Store;

class StoreWatch {
 public:
  struct Stamp {
    bool present = false;  // false: the store cannot be seen right now (a file being renamed into place)
    std::array<std::int64_t, 6> values{};
    bool operator==(const Stamp&) const = default;
  };

  explicit StoreWatch(std::string locator);
  ~StoreWatch();
  StoreWatch(const StoreWatch&) = delete;
  StoreWatch& operator=(const StoreWatch&) = delete;

  // Not thread-safe: one caller at a time.
  Stamp stamp();

 private:
  std::string locator_;
  std::unique_ptr<Store> connection_;  // PostgreSQL: kept between polls, dropped when it fails
};

}  // namespace layers
