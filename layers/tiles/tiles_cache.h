#pragma once
// An in-memory LRU cache of encoded tiles whose byte budget bounds the
// memory it really holds: every entry is charged what the allocator gave
// it (the body and the key as allocated, the shared tile's control block,
// the list and hash nodes, the hash buckets), so a budget of 64 MiB holds
// at most 64 MiB of heap. Keys carry the snapshot, so an import makes
// every older entry unreachable and they age out first. Thread-safe.
#include <cstddef>
#include <cstdlib>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>

namespace layers {

struct CachedTile {
  std::string body;
  bool truncated = false;
};

namespace detail {

// Allocates with malloc and counts the bytes each block really occupies
// (its usable size plus the allocator's header) in a counter that only
// the cache's lock-holder touches.
template <class T>
struct MeteredAllocator {
  using value_type = T;
  std::size_t* bytes;
  explicit MeteredAllocator(std::size_t* counter) : bytes(counter) {}
  template <class U>
  MeteredAllocator(const MeteredAllocator<U>& other) : bytes(other.bytes) {}
  T* allocate(std::size_t n);
  void deallocate(T* p, std::size_t n);
  template <class U>
  bool operator==(const MeteredAllocator<U>& other) const {
    return bytes == other.bytes;
  }
};

// What a malloc'ed block at p really occupies. Not a pointer to const: GCC
// would take the call for a read of the fresh block (-Wmaybe-uninitialized
// in sanitizer builds).
std::size_t block_bytes(void* p);

template <class T>
T* MeteredAllocator<T>::allocate(std::size_t n) {
  void* p = std::malloc(n * sizeof(T));
  if (!p) throw std::bad_alloc();
  *bytes += block_bytes(p);
  return static_cast<T*>(p);
}

template <class T>
void MeteredAllocator<T>::deallocate(T* p, std::size_t) {
  *bytes -= block_bytes(p);
  std::free(p);
}

}  // namespace detail

class TileCache {
 public:
  // byte_budget 0 disables the cache.
  explicit TileCache(std::size_t byte_budget);
  TileCache(const TileCache&) = delete;
  TileCache& operator=(const TileCache&) = delete;

  std::shared_ptr<const CachedTile> find(const std::string& key);
  // Makes the tile (its body trimmed to its size) and keeps it under key,
  // evicting the least recently used entries to stay within the budget; a
  // tile that alone exceeds the budget is returned but not kept.
  std::shared_ptr<const CachedTile> insert(const std::string& key, std::string body, bool truncated);

  struct Stats {
    std::size_t entries = 0, bytes = 0, hits = 0, misses = 0;  // bytes: all the cache holds
  };
  Stats stats() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const CachedTile> tile;
    std::size_t bytes;  // the key's and the tile's own allocations
  };
  using List = std::list<Entry, detail::MeteredAllocator<Entry>>;
  using Index = std::unordered_map<std::string_view, List::iterator, std::hash<std::string_view>,
                                   std::equal_to<>,
                                   detail::MeteredAllocator<std::pair<const std::string_view, List::iterator>>>;
  std::size_t held() const { return entry_bytes_ + node_bytes_; }
  void evict_last();

  const std::size_t budget_;
  mutable std::mutex mutex_;
  std::size_t node_bytes_ = 0;   // list and hash nodes and buckets (metered); before them: they use it
  std::size_t entry_bytes_ = 0;  // sum of Entry::bytes
  List lru_;                     // most recent first
  Index index_;                  // views into the keys held by lru_
  std::size_t hits_ = 0, misses_ = 0;
};

}  // namespace layers
