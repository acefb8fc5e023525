// The tile cache's budget bounds the heap it really holds: every entry is
// charged what the allocator gave it (measured here against glibc's own
// count of bytes in use), and it never keeps more than its budget.
#include "layers/tiles/tiles_cache.h"

#include <gtest/gtest.h>
#include <malloc.h>

#include <memory>
#include <string>
#include <thread>

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kGlibcMalloc = false;  // a sanitizer's allocator: mallinfo2 does not see it
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kGlibcMalloc = false;
#else
constexpr bool kGlibcMalloc = true;
#endif
#else
constexpr bool kGlibcMalloc = true;
#endif

// Bytes of heap in use, as glibc counts them (every arena, and blocks of their own pages).
std::size_t heap_in_use() {
  const struct mallinfo2 m = ::mallinfo2();
  return m.uordblks + m.hblkhd;
}

// glibc counts the blocks a thread keeps for reuse (its tcache) as in use:
// work done on a thread of its own hands them back when the thread ends,
// so that only what the cache holds is counted.
template <class F>
void on_fresh_thread(F f) {
  std::thread(f).join();
}

// A tile body as an encoder leaves it: grown by appending, so with spare capacity.
std::string grown_body(std::size_t size, char fill) {
  std::string s;
  for (std::size_t i = 0; i < size; ++i) s.push_back(static_cast<char>(fill + i % 7));
  return s;
}

std::string key_of(int i) {
  // Short keys fit in the string itself, long ones do not: both kinds occur.
  return "mvt|g1|communes/12/" + std::to_string(i) + "/" + std::string(static_cast<std::size_t>(i % 90), 'k');
}

TEST(TileCacheAccounting, ChargesAtLeastWhatItAllocates) {
  if (!kGlibcMalloc) GTEST_SKIP() << "needs glibc's allocator";
  auto cache = std::make_unique<layers::TileCache>(std::size_t{1} << 30);
  const std::size_t before = heap_in_use();
  on_fresh_thread([&] {
    for (int i = 0; i < 3000; ++i)
      cache->insert(key_of(i), grown_body(static_cast<std::size_t>(i * 37 % 9000), 'a'), false);
    // A body of its own pages, as a large tile gets.
    cache->insert("large", grown_body(300000, 'b'), true);
  });
  const std::size_t held = heap_in_use() - before;
  const auto stats = cache->stats();
  EXPECT_EQ(stats.entries, 3001u);
  RecordProperty("heap_held", std::to_string(held));
  RecordProperty("accounted", std::to_string(stats.bytes));
  EXPECT_GE(stats.bytes, held);
  // And not wildly more: within a word or two per block.
  EXPECT_LE(stats.bytes, held + stats.entries * 64);
  on_fresh_thread([&] { cache.reset(); });
  // A thread leaves a little bookkeeping of its own behind.
  EXPECT_LE(heap_in_use(), before + 8192) << "everything is given back with the cache";
}

TEST(TileCacheAccounting, NeverHoldsMoreThanItsBudget) {
  if (!kGlibcMalloc) GTEST_SKIP() << "needs glibc's allocator";
  constexpr std::size_t kBudget = std::size_t{1} << 20;
  layers::TileCache cache(kBudget);
  const std::size_t before = heap_in_use();
  on_fresh_thread([&] {
    for (int i = 0; i < 5000; ++i) {
      cache.insert(key_of(i), grown_body(1000 + static_cast<std::size_t>(i * 13 % 3000), 'c'), false);
      ASSERT_LE(cache.stats().bytes, kBudget) << i;
    }
  });
  EXPECT_LE(heap_in_use() - before, kBudget);
  const auto stats = cache.stats();
  EXPECT_GT(stats.entries, 100u);
  EXPECT_LT(stats.entries, 5000u);
  EXPECT_TRUE(cache.find(key_of(4999))) << "the most recent stays";
  EXPECT_FALSE(cache.find(key_of(0))) << "the oldest went first";
}

TEST(TileCache, KeepsOnlyTheBytesOfABody) {
  layers::TileCache cache(std::size_t{1} << 20);
  std::string body = "0123456789abcdef0123";
  body.reserve(100000);
  const auto tile = cache.insert("k", std::move(body), true);
  EXPECT_EQ(tile->body, "0123456789abcdef0123");
  EXPECT_TRUE(tile->truncated);
  EXPECT_LT(cache.stats().bytes, 1000u);
  EXPECT_EQ(cache.find("k"), tile);
  EXPECT_EQ(cache.stats().hits, 1u);
}

TEST(TileCache, ATileLargerThanTheBudgetIsServedButNotKept) {
  layers::TileCache cache(4096);
  cache.insert("small", "s", false);
  const auto big = cache.insert("big", std::string(10000, 'x'), false);
  EXPECT_EQ(big->body.size(), 10000u);
  EXPECT_FALSE(cache.find("big"));
  EXPECT_TRUE(cache.find("small")) << "nothing evicted for a tile that cannot stay";
}

TEST(TileCache, ABudgetOfZeroKeepsNothing) {
  layers::TileCache cache(0);
  EXPECT_EQ(cache.insert("k", "body", false)->body, "body");
  EXPECT_FALSE(cache.find("k"));
  EXPECT_EQ(cache.stats().entries, 0u);
  EXPECT_EQ(cache.stats().bytes, 0u);
  EXPECT_EQ(cache.stats().misses, 1u);
}

TEST(TileCache, TheSameKeyTwiceKeepsTheFirst) {
  layers::TileCache cache(std::size_t{1} << 20);
  const auto first = cache.insert("k", "one", false);
  EXPECT_EQ(cache.insert("k", "two", false), first);
  EXPECT_EQ(cache.stats().entries, 1u);
}

}  // namespace
