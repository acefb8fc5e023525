#pragma once
// An immutable sequence held in shared chunks, so that a write's snapshot
// derives its per-record sequences from the ones before in time
// proportional to what the write changed: a copy shares every chunk (one
// pointer), an edit copies only the chunks it touches and the spine of
// chunk pointers (n / B pointers), and freeing the sequence before frees
// only the chunks nothing else holds. Indexed in O(1) (a guess i / B that
// the chunk offsets correct) and iterated like a vector.
#include <algorithm>
#include <cassert>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace layers {

// One edit of a sequence by positions. A batch of edits lists them by
// `before` ascending, the inserts at a position before the replace or
// erase of the element at that position.
struct SequenceEdit {
  enum class Kind : std::uint8_t { replace, insert, erase };
  Kind kind = Kind::replace;
  // In the sequence before: the element replaced or erased, or the one an
  // insert goes before (size() to append).
  std::size_t before = 0;
  // In the sequence after: the element replaced or inserted; for an erase,
  // where the element that followed it now is.
  std::size_t after = 0;
};

// For each position of a sequence of `before_size` elements, its position
// after `edits`, or `gone` for an element replaced or erased. O(n): for
// what is still kept by position.
inline std::vector<std::size_t> moved_positions(const std::vector<SequenceEdit>& edits, std::size_t before_size,
                                                std::size_t gone) {
  std::vector<std::size_t> moved(before_size);
  std::size_t p = 0, inserted = 0, erased = 0;
  for (const SequenceEdit& e : edits) {
    for (; p < e.before; ++p) moved[p] = p + inserted - erased;
    if (e.kind == SequenceEdit::Kind::insert) {
      ++inserted;
      continue;
    }
    moved[p++] = gone;
    erased += e.kind == SequenceEdit::Kind::erase;
  }
  for (; p < before_size; ++p) moved[p] = p + inserted - erased;
  return moved;
}

// Elements a chunk is built with, by default. A write copies the chunks it
// edits and the spine (a pointer per chunk); 64 keeps both small at the
// sizes served: a one-record snapshot change of 20,000 records went from
// 0.20 to 0.11 ms against 512 (bench/README.md, issue 14).
inline constexpr std::size_t kChunkElements = 64;

// B: the chunk size elements are built in; edited chunks keep between B/2
// and 2B elements (the last one may hold fewer).
template <typename T, std::size_t B = kChunkElements>
class ChunkedVector {
  static_assert(B >= 2, "chunks of at least two elements");
  using Chunk = std::vector<T>;
  struct Spine {
    std::vector<std::shared_ptr<const Chunk>> chunks;  // none empty
    std::vector<std::size_t> starts;                   // chunks.size() + 1 offsets, starts[0] == 0
  };

 public:
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = const T&;
  using const_reference = const T&;

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;

    const_iterator() = default;
    reference operator*() const { return data_[pos_ - start_]; }
    pointer operator->() const { return data_ + (pos_ - start_); }
    reference operator[](difference_type d) const { return *(*this + d); }
    const_iterator& operator++() {
      if (++pos_ == end_ && chunk_ + 1 < spine_->chunks.size()) enter(chunk_ + 1);
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator old = *this;
      ++*this;
      return old;
    }
    const_iterator& operator--() {
      if (pos_-- == start_) enter(chunk_ - 1);
      return *this;
    }
    const_iterator operator--(int) {
      const_iterator old = *this;
      --*this;
      return old;
    }
    const_iterator& operator+=(difference_type d) {
      pos_ = static_cast<std::size_t>(static_cast<difference_type>(pos_) + d);
      if (spine_ && (pos_ < start_ || pos_ >= end_)) enter(chunk_of(*spine_, pos_));
      return *this;
    }
    const_iterator& operator-=(difference_type d) { return *this += -d; }
    friend const_iterator operator+(const_iterator it, difference_type d) { return it += d; }
    friend const_iterator operator+(difference_type d, const_iterator it) { return it += d; }
    friend const_iterator operator-(const_iterator it, difference_type d) { return it -= d; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return static_cast<difference_type>(a.pos_) - static_cast<difference_type>(b.pos_);
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.pos_ == b.pos_; }
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.pos_ <=> b.pos_; }
    // The position in the sequence.
    std::size_t index() const { return pos_; }

   private:
    friend class ChunkedVector;
    const_iterator(const Spine* spine, std::size_t pos) : spine_(spine), pos_(pos) {
      if (spine_) enter(chunk_of(*spine_, pos_));
    }
    void enter(std::size_t c) {
      chunk_ = c;
      start_ = spine_->starts[c];
      end_ = spine_->starts[c + 1];
      data_ = spine_->chunks[c]->data();
    }
    const Spine* spine_ = nullptr;
    std::size_t pos_ = 0, chunk_ = 0, start_ = 0, end_ = 0;
    const T* data_ = nullptr;
  };
  using iterator = const_iterator;

  ChunkedVector() = default;
  // Chunks of B elements (the last may hold fewer).
  ChunkedVector(std::vector<T> items) {  // NOLINT: implicit, as a vector assigned to a field of this type
    std::vector<std::shared_ptr<const Chunk>> chunks;
    if (items.size() <= B) {
      if (!items.empty()) chunks.push_back(std::make_shared<const Chunk>(std::move(items)));
    } else {
      for (std::size_t i = 0; i < items.size(); i += B) {
        const std::size_t end = std::min(items.size(), i + B);
        chunks.push_back(std::make_shared<const Chunk>(std::make_move_iterator(items.begin() + static_cast<difference_type>(i)),
                                                       std::make_move_iterator(items.begin() + static_cast<difference_type>(end))));
      }
    }
    adopt(std::move(chunks));
  }

  std::size_t size() const { return spine_ ? spine_->starts.back() : 0; }
  bool empty() const { return size() == 0; }
  const T& operator[](std::size_t i) const {
    const std::size_t c = chunk_of(*spine_, i);
    return (*spine_->chunks[c])[i - spine_->starts[c]];
  }
  const T& at(std::size_t i) const {
    if (i >= size()) throw std::out_of_range("ChunkedVector::at");
    return (*this)[i];
  }
  const T& front() const { return spine_->chunks.front()->front(); }
  const T& back() const { return spine_->chunks.back()->back(); }
  const_iterator begin() const { return const_iterator(spine_.get(), 0); }
  const_iterator end() const { return const_iterator(spine_.get(), size()); }
  // Chunks held (for tests and measurements).
  std::size_t chunk_count() const { return spine_ ? spine_->chunks.size() : 0; }
  // Whether chunk c of this and of other are the same object (for tests).
  bool shares_chunk(const ChunkedVector& other, std::size_t c, std::size_t other_c) const {
    return spine_->chunks[c] == other.spine_->chunks[other_c];
  }

  std::vector<T> to_vector() const { return std::vector<T>(begin(), end()); }

  friend bool operator==(const ChunkedVector& a, const ChunkedVector& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }

  // This sequence with `edits` applied (ordered as SequenceEdit says):
  // make(k) gives the element that edit k (a replace or insert) puts in;
  // it is called once per such edit, in order. Copies the chunks the
  // edits touch (and a small neighbour) and the spine; shares the rest.
  template <typename Make>
  ChunkedVector edited(const std::vector<SequenceEdit>& edits, Make&& make) const {
    if (edits.empty()) return *this;
    const std::size_t n = size();
    std::vector<std::shared_ptr<const Chunk>> out;
    out.reserve(chunk_count() + edits.size() / B + 2);
    std::size_t e = 0;
    Chunk carry;  // a small edited chunk, merged into the next one
    const std::size_t count = chunk_count();
    for (std::size_t c = 0; c < count; ++c) {
      const std::size_t lo = spine_->starts[c], hi = spine_->starts[c + 1];
      const bool last = c + 1 == count;
      const auto ours = [&](std::size_t k) { return k < edits.size() && (edits[k].before < hi || last); };
      if (!ours(e) && carry.empty()) {
        out.push_back(spine_->chunks[c]);
        continue;
      }
      Chunk fresh = std::move(carry);
      carry = Chunk();
      fresh.reserve(fresh.size() + (hi - lo) + 8);
      const Chunk& src = *spine_->chunks[c];
      std::size_t p = lo;
      for (; ours(e); ++e) {
        const SequenceEdit& ed = edits[e];
        if (ed.before < p || ed.before > n) throw std::logic_error("ChunkedVector::edited: edits out of order");
        for (; p < ed.before; ++p) fresh.push_back(src[p - lo]);
        if (ed.kind != SequenceEdit::Kind::insert) {
          if (p >= hi) throw std::logic_error("ChunkedVector::edited: no element to replace or erase");
          ++p;
        }
        if (ed.kind != SequenceEdit::Kind::erase) fresh.push_back(make(e));
      }
      for (; p < hi; ++p) fresh.push_back(src[p - lo]);
      if (!last && fresh.size() < B / 2)
        carry = std::move(fresh);
      else
        emit(out, std::move(fresh));
    }
    if (count == 0) {
      Chunk fresh;
      for (; e < edits.size(); ++e) {
        if (edits[e].kind != SequenceEdit::Kind::insert || edits[e].before != 0)
          throw std::logic_error("ChunkedVector::edited: only inserts into an empty sequence");
        fresh.push_back(make(e));
      }
      emit(out, std::move(fresh));
    }
    if (e != edits.size()) throw std::logic_error("ChunkedVector::edited: edits out of order");
    ChunkedVector v;
    v.adopt(std::move(out));
    return v;
  }

 private:
  static std::size_t chunk_of(const Spine& s, std::size_t i) {
    const std::size_t count = s.chunks.size();
    std::size_t c = std::min(i / B, count - 1);
    // Edits move chunk boundaries a little: a step or two corrects the guess.
    for (int step = 0; step < 2; ++step) {
      if (s.starts[c] > i)
        --c;
      else if (s.starts[c + 1] <= i && c + 1 < count)
        ++c;
      else
        return c;
    }
    if (s.starts[c] <= i && (i < s.starts[c + 1] || c + 1 == count)) return c;
    const auto it = std::upper_bound(s.starts.begin(), s.starts.end(), i);
    return std::min(count - 1, static_cast<std::size_t>(it - s.starts.begin()) - 1);
  }

  // Appends a chunk, split evenly when over 2B; an empty one is dropped.
  static void emit(std::vector<std::shared_ptr<const Chunk>>& out, Chunk fresh) {
    if (fresh.empty()) return;
    if (fresh.size() <= 2 * B) {
      out.push_back(std::make_shared<const Chunk>(std::move(fresh)));
      return;
    }
    const std::size_t pieces = (fresh.size() + B - 1) / B;
    std::size_t from = 0;
    for (std::size_t k = 0; k < pieces; ++k) {
      const std::size_t to = fresh.size() * (k + 1) / pieces;
      out.push_back(std::make_shared<const Chunk>(std::make_move_iterator(fresh.begin() + static_cast<difference_type>(from)),
                                                  std::make_move_iterator(fresh.begin() + static_cast<difference_type>(to))));
      from = to;
    }
  }

  void adopt(std::vector<std::shared_ptr<const Chunk>> chunks) {
    if (chunks.empty()) {
      spine_.reset();
      return;
    }
    auto s = std::make_shared<Spine>();
    s->starts.reserve(chunks.size() + 1);
    s->starts.push_back(0);
    for (const auto& c : chunks) s->starts.push_back(s->starts.back() + c->size());
    s->chunks = std::move(chunks);
    spine_ = std::move(s);
  }

  std::shared_ptr<const Spine> spine_;  // null when empty
};

}  // namespace layers
