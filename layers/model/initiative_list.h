#pragma once
// The initiatives of one registry generation, ordered by id: every record
// immutable and held by a shared pointer in a ChunkedVector, so the
// generation after a write shares the records and the chunks of pointers
// it did not touch. Iterated and indexed as plain records.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layers/model/chunked_vector.h"
#include "layers/store/store.h"

namespace layers {

using RecordPtr = std::shared_ptr<const StoredInitiative>;

class InitiativeList {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = StoredInitiative;
    using difference_type = std::ptrdiff_t;
    using pointer = const StoredInitiative*;
    using reference = const StoredInitiative&;
    iterator() = default;
    explicit iterator(ChunkedVector<RecordPtr>::const_iterator it) : it_(it) {}
    reference operator*() const { return **it_; }
    pointer operator->() const { return it_->get(); }
    iterator& operator++() {
      ++it_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++it_;
      return old;
    }
    bool operator==(const iterator&) const = default;
    // The position in the list.
    std::size_t index() const { return it_.index(); }

   private:
    ChunkedVector<RecordPtr>::const_iterator it_;
  };

  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

  InitiativeList() = default;
  // records: ordered by id, ids unique.
  explicit InitiativeList(ChunkedVector<RecordPtr> records) : records_(std::move(records)) {}
  // Wraps records read from the store (ordered by id).
  static InitiativeList of(std::vector<StoredInitiative> records);

  std::size_t size() const { return records_.size(); }
  bool empty() const { return records_.empty(); }
  const StoredInitiative& operator[](std::size_t i) const { return *records_[i]; }
  const RecordPtr& ptr(std::size_t i) const { return records_[i]; }
  iterator begin() const { return iterator(records_.begin()); }
  iterator end() const { return iterator(records_.end()); }
  const ChunkedVector<RecordPtr>& pointers() const { return records_; }

  // The index of the record with this id (binary search), or npos.
  std::size_t index_of(std::string_view id) const;
  const StoredInitiative* find(std::string_view id) const {
    const std::size_t i = index_of(id);
    return i == npos ? nullptr : records_[i].get();
  }

 private:
  // Shared: a copy (the registry's of a write's update) costs one pointer.
  ChunkedVector<RecordPtr> records_;
};

// A deep copy of a record (a footprint's geometry is a move-only handle).
StoredInitiative copy_record(const StoredInitiative& from);

// One record written to the store: its version after the write, as the
// store reads it back, or none when the write deleted it.
struct InitiativeChange {
  std::string id;
  std::optional<StoredInitiative> after;
  // The generation that wrote it, when one commit holds several writes
  // each with its own (a group commit); 0: the generation of the changes.
  std::int64_t revision = 0;
};

// A list with changes applied, and how it differs from the list before:
// what every part derived per record needs to update itself, in the size
// of the change (a part kept per record applies `edits` to its own
// ChunkedVector).
struct ListUpdate {
  InitiativeList records;
  // Records replaced (same id), inserted (new id) or erased, by position
  // before, ascending (layers/model/chunked_vector.h).
  std::vector<SequenceEdit> edits;
  std::vector<std::size_t> written;  // indexes (ascending) of the records the changes wrote
  std::vector<RecordPtr> removed;    // versions before of the records replaced or deleted, by id
};


// Applies changes in order (a later change of an id wins; deleting an
// absent id does nothing): O(k log n) for k changes, sharing every chunk
// of the list they do not touch. Every written record gets its change's revision
// or else `revision` (the generation the changes were committed as), and
// its joined units in the
// store's order, so it equals the record as the store reads it back.
ListUpdate apply_changes(const InitiativeList& before, const std::vector<InitiativeChange>& changes,
                         std::int64_t revision);

}  // namespace layers
