// ChunkedVector against std::vector: the same elements after thousands of
// random edit batches, chunks within their bounds, untouched chunks shared.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "layers/model/chunked_vector.h"

namespace {

using layers::ChunkedVector;
using layers::SequenceEdit;
using Kind = SequenceEdit::Kind;

// A random batch over a sequence of n elements, ordered as SequenceEdit says,
// with its effect on a std::vector; values are unique so a misplaced one shows.
struct Batch {
  std::vector<SequenceEdit> edits;
  std::vector<int> values;  // of each edit (unused for an erase)
};

Batch random_batch(std::mt19937& rng, std::size_t n, std::size_t max_edits, int& next_value) {
  Batch b;
  std::uniform_int_distribution<std::size_t> count(0, max_edits);
  std::uniform_int_distribution<std::size_t> pos(0, n);
  std::uniform_int_distribution<int> kind(0, 2);
  // Positions first: inserts anywhere (several at one place allowed), at most
  // one replace or erase per element.
  std::vector<std::pair<std::size_t, Kind>> picks;
  std::vector<char> taken(n, 0);
  for (std::size_t k = count(rng); k > 0; --k) {
    const std::size_t p = pos(rng);
    Kind kd = static_cast<Kind>(kind(rng));
    if (p == n || taken[p]) kd = Kind::insert;
    if (kd != Kind::insert) taken[p] = 1;
    picks.emplace_back(p, kd);
  }
  std::stable_sort(picks.begin(), picks.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return (a.second == Kind::insert) > (b.second == Kind::insert);
  });
  long shift = 0;
  for (const auto& [p, kd] : picks) {
    SequenceEdit e;
    e.kind = kd;
    e.before = p;
    e.after = static_cast<std::size_t>(static_cast<long>(p) + shift);
    if (kd == Kind::insert) ++shift;
    if (kd == Kind::erase) --shift;
    b.edits.push_back(e);
    b.values.push_back(next_value++);
  }
  return b;
}

std::vector<int> applied(const std::vector<int>& v, const Batch& b) {
  std::vector<int> out;
  std::size_t e = 0;
  for (std::size_t p = 0; p <= v.size(); ++p) {
    bool consumed = false;
    for (; e < b.edits.size() && b.edits[e].before == p; ++e) {
      if (b.edits[e].kind == Kind::insert) {
        out.push_back(b.values[e]);
        continue;
      }
      consumed = true;
      if (b.edits[e].kind == Kind::replace) out.push_back(b.values[e]);
    }
    if (p < v.size() && !consumed) out.push_back(v[p]);
  }
  return out;
}

template <std::size_t B>
void check_same(const ChunkedVector<int, B>& c, const std::vector<int>& v) {
  ASSERT_EQ(c.size(), v.size());
  ASSERT_EQ(c.to_vector(), v);
  for (std::size_t i = 0; i < v.size(); ++i) ASSERT_EQ(c[i], v[i]) << i;
  // Chunks within bounds: every one but the last holds B/2 .. 2B elements.
  std::size_t i = 0;
  for (auto it = c.begin(); it != c.end(); ++it, ++i) ASSERT_EQ(*it, v[i]);
  if (!v.empty()) {
    EXPECT_EQ(*(c.end() - 1), v.back());
    EXPECT_EQ(c.end() - c.begin(), static_cast<std::ptrdiff_t>(v.size()));
  }
  EXPECT_LE(c.chunk_count(), v.size() / (B / 2) + 1);
}

template <std::size_t B>
void random_edits(unsigned seed, std::size_t start, std::size_t rounds, std::size_t max_edits) {
  std::mt19937 rng(seed);
  std::vector<int> v(start);
  for (std::size_t i = 0; i < start; ++i) v[i] = static_cast<int>(i);
  int next = static_cast<int>(start);
  ChunkedVector<int, B> c(v);
  check_same(c, v);
  for (std::size_t r = 0; r < rounds; ++r) {
    const Batch b = random_batch(rng, v.size(), max_edits, next);
    const ChunkedVector<int, B> before = c;
    const std::vector<int> had = v;
    std::size_t made = 0;
    c = c.edited(b.edits, [&](std::size_t k) {
      EXPECT_NE(b.edits[k].kind, Kind::erase);
      ++made;
      return b.values[k];
    });
    v = applied(v, b);
    ASSERT_EQ(made, static_cast<std::size_t>(std::count_if(b.edits.begin(), b.edits.end(), [](const SequenceEdit& e) {
                return e.kind != Kind::erase;
              })));
    check_same(c, v);
    check_same(before, had);  // immutable: the copy before is unchanged
    // Every edit's `after` names the element it put in (or the follower of an erase).
    for (std::size_t k = 0; k < b.edits.size(); ++k)
      if (b.edits[k].kind != Kind::erase) {
        ASSERT_EQ(c[b.edits[k].after], b.values[k]);
      }
  }
}

TEST(ChunkedVector, EmptyAndBuilt) {
  ChunkedVector<int, 4> empty;
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_TRUE(empty.begin() == empty.end());
  ChunkedVector<int, 4> ten(std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  EXPECT_EQ(ten.chunk_count(), 3u);
  EXPECT_EQ(ten[9], 9);
  EXPECT_EQ(*std::lower_bound(ten.begin(), ten.end(), 7), 7);
  EXPECT_EQ(std::lower_bound(ten.begin(), ten.end(), 70) - ten.begin(), 10);
}

TEST(ChunkedVector, InsertsIntoEmpty) {
  ChunkedVector<int, 4> empty;
  std::vector<SequenceEdit> edits;
  for (std::size_t k = 0; k < 9; ++k) edits.push_back({Kind::insert, 0, k});
  const auto c = empty.edited(edits, [](std::size_t k) { return static_cast<int>(k) * 10; });
  EXPECT_EQ(c.to_vector(), (std::vector<int>{0, 10, 20, 30, 40, 50, 60, 70, 80}));
  EXPECT_EQ(c.chunk_count(), 3u);  // split at 2B
}

TEST(ChunkedVector, ErasesEverything) {
  ChunkedVector<int, 4> c(std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  std::vector<SequenceEdit> edits;
  for (std::size_t k = 0; k < 10; ++k) edits.push_back({Kind::erase, k, 0});
  const auto e = c.edited(edits, [](std::size_t) { return 0; });
  EXPECT_EQ(e.size(), 0u);
  EXPECT_EQ(e.chunk_count(), 0u);
}

TEST(ChunkedVector, OneEditCopiesOneChunk) {
  std::vector<int> v(100000);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int>(i);
  const ChunkedVector<int> c(v);
  const auto d = c.edited({{Kind::replace, 50000, 50000}}, [](std::size_t) { return -1; });
  ASSERT_EQ(c.chunk_count(), d.chunk_count());
  std::size_t shared = 0;
  for (std::size_t k = 0; k < c.chunk_count(); ++k) shared += c.shares_chunk(d, k, k);
  EXPECT_EQ(shared, c.chunk_count() - 1);
  EXPECT_EQ(d[50000], -1);
  EXPECT_EQ(c[50000], 50000);
}

TEST(ChunkedVector, RejectsEditsOutOfOrder) {
  const ChunkedVector<int, 4> c(std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  const auto make = [](std::size_t) { return 0; };
  EXPECT_THROW(c.edited({{Kind::replace, 5, 5}, {Kind::replace, 2, 2}}, make), std::logic_error);
  EXPECT_THROW(c.edited({{Kind::erase, 10, 10}}, make), std::logic_error);
}

TEST(ChunkedVector, RandomBatchesSmallChunks) {
  for (unsigned seed = 1; seed <= 20; ++seed) random_edits<4>(seed, seed * 7, 200, 12);
}

TEST(ChunkedVector, RandomBatchesGrowAndShrink) {
  // Batches big against the chunks: splits, merges and emptied chunks.
  for (unsigned seed = 100; seed <= 110; ++seed) random_edits<8>(seed, 0, 150, 60);
  for (unsigned seed = 200; seed <= 205; ++seed) random_edits<8>(seed, 500, 150, 200);
}

TEST(ChunkedVector, RandomBatchesDefaultChunks) { random_edits<layers::kChunkElements>(7, 20000, 100, 40); }

TEST(ChunkedVector, HoldsSharedPointers) {
  std::vector<std::shared_ptr<const std::string>> v;
  for (int i = 0; i < 100; ++i) v.push_back(std::make_shared<const std::string>(std::to_string(i)));
  const auto watched = v[42];
  ChunkedVector<std::shared_ptr<const std::string>, 8> c(v);
  v.clear();
  EXPECT_EQ(watched.use_count(), 2);
  {
    const auto d = c.edited({{Kind::erase, 42, 42}}, [](std::size_t) { return nullptr; });
    EXPECT_EQ(*d[42], "43");
    c = d;
  }
  EXPECT_EQ(watched.use_count(), 1);  // the replaced chunk went with the last sequence holding it
}

}  // namespace
