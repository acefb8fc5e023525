#include "layers/tiles_cache.h"

namespace layers {

namespace {
std::size_t cost(const std::string& key, const CachedTile& t) { return key.size() * 2 + t.body.size() + 64; }
}  // namespace

std::shared_ptr<const CachedTile> TileCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void TileCache::insert(const std::string& key, std::shared_ptr<const CachedTile> tile) {
  const std::size_t c = cost(key, *tile);
  if (c > budget_) return;
  std::lock_guard lock(mutex_);
  if (index_.count(key)) return;
  lru_.emplace_front(key, std::move(tile));
  index_[key] = lru_.begin();
  bytes_ += c;
  while (bytes_ > budget_ && !lru_.empty()) {
    const Entry& last = lru_.back();
    bytes_ -= cost(last.first, *last.second);
    index_.erase(last.first);
    lru_.pop_back();
  }
}

void TileCache::clear() {
  std::lock_guard lock(mutex_);
  lru_.clear();
  index_.clear();
  bytes_ = 0;
}

TileCache::Stats TileCache::stats() const {
  std::lock_guard lock(mutex_);
  return {lru_.size(), bytes_, hits_, misses_};
}

}  // namespace layers
