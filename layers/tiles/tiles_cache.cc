#include "layers/tiles/tiles_cache.h"

#include <malloc.h>

namespace layers {

namespace detail {

std::size_t block_bytes(void* p) {
  // glibc puts a size header before each block (two words for a block of
  // its own pages), and the usable size includes the rounding up.
  return ::malloc_usable_size(p) + 2 * sizeof(std::size_t);
}

}  // namespace detail

namespace {

// The heap block a string owns, if it does not fit in the string itself.
std::size_t heap_bytes(const std::string& s) {
  const char* data = s.data();
  const char* self = reinterpret_cast<const char*>(&s);
  if (data >= self && data < self + sizeof s) return 0;
  return detail::block_bytes(const_cast<char*>(data));
}

// Allocates the shared tile's control block with malloc and notes its real
// size once; freeing it later (perhaps after the cache is gone) reports
// nothing.
template <class T>
struct NotingAllocator {
  using value_type = T;
  std::size_t* noted;
  explicit NotingAllocator(std::size_t* out) : noted(out) {}
  template <class U>
  NotingAllocator(const NotingAllocator<U>& other) : noted(other.noted) {}
  T* allocate(std::size_t n) {
    void* p = std::malloc(n * sizeof(T));
    if (!p) throw std::bad_alloc();
    *noted += detail::block_bytes(p);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t) { std::free(p); }
  template <class U>
  bool operator==(const NotingAllocator<U>& other) const {
    return noted == other.noted;
  }
};

}  // namespace

TileCache::TileCache(std::size_t byte_budget)
    : budget_(byte_budget),
      lru_(detail::MeteredAllocator<Entry>(&node_bytes_)),
      index_(0, std::hash<std::string_view>(), std::equal_to<>(),
             detail::MeteredAllocator<std::pair<const std::string_view, List::iterator>>(&node_bytes_)) {}

std::shared_ptr<const CachedTile> TileCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(std::string_view(key));
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->tile;
}

std::shared_ptr<const CachedTile> TileCache::insert(const std::string& key, std::string body, bool truncated) {
  // A body grown by appending holds up to twice its size: keep only the bytes.
  body.shrink_to_fit();
  std::size_t tile_bytes = 0;
  auto tile = std::allocate_shared<const CachedTile>(NotingAllocator<CachedTile>(&tile_bytes),
                                                     CachedTile{std::move(body), truncated});
  tile_bytes += heap_bytes(tile->body);
  if (budget_ == 0) return tile;
  std::lock_guard lock(mutex_);
  if (auto it = index_.find(std::string_view(key)); it != index_.end()) return it->second->tile;
  const std::size_t nodes_before = node_bytes_;
  lru_.push_front(Entry{key, tile, tile_bytes});
  Entry& e = lru_.front();
  e.bytes += heap_bytes(e.key);
  entry_bytes_ += e.bytes;
  index_.emplace(std::string_view(e.key), lru_.begin());
  if (e.bytes + (node_bytes_ - nodes_before) > budget_) {
    // It could never stay: evict nothing for it.
    entry_bytes_ -= e.bytes;
    index_.erase(std::string_view(e.key));
    lru_.pop_front();
    return tile;
  }
  while (held() > budget_ && !lru_.empty()) evict_last();
  return tile;
}

void TileCache::evict_last() {
  const Entry& last = lru_.back();
  entry_bytes_ -= last.bytes;
  index_.erase(std::string_view(last.key));
  lru_.pop_back();
}

TileCache::Stats TileCache::stats() const {
  std::lock_guard lock(mutex_);
  return {lru_.size(), held(), hits_, misses_};
}

}  // namespace layers
