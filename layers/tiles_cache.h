#pragma once
// An in-memory LRU cache of encoded tiles with a byte budget. Keys carry
// the data generation, so an import makes every older entry unreachable;
// clear() drops them at once. Thread-safe.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace layers {

struct CachedTile {
  std::string body;
  bool truncated = false;
};

class TileCache {
 public:
  // byte_budget 0 disables the cache.
  explicit TileCache(std::size_t byte_budget) : budget_(byte_budget) {}

  std::shared_ptr<const CachedTile> find(const std::string& key);
  void insert(const std::string& key, std::shared_ptr<const CachedTile> tile);
  void clear();

  struct Stats {
    std::size_t entries = 0, bytes = 0, hits = 0, misses = 0;
  };
  Stats stats() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const CachedTile>>;
  std::size_t budget_;
  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::size_t bytes_ = 0, hits_ = 0, misses_ = 0;
};

}  // namespace layers
