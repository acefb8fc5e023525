#pragma once
// The initiatives of one registry generation, ordered by id: every record
// immutable and held by a shared pointer, so the generation after a write
// copies pointers, not records; the list itself is immutable and shared by
// its copies. Iterated and indexed as plain records.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    explicit iterator(std::vector<RecordPtr>::const_iterator it) : it_(it) {}
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

   private:
    std::vector<RecordPtr>::const_iterator it_;
  };

  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

  InitiativeList() : InitiativeList(std::vector<RecordPtr>{}) {}
  // records: ordered by id, ids unique.
  explicit InitiativeList(std::vector<RecordPtr> records)
      : records_(std::make_shared<const std::vector<RecordPtr>>(std::move(records))) {}
  // Wraps records read from the store (ordered by id).
  static InitiativeList of(std::vector<StoredInitiative> records);

  std::size_t size() const { return records_->size(); }
  bool empty() const { return records_->empty(); }
  const StoredInitiative& operator[](std::size_t i) const { return *(*records_)[i]; }
  const RecordPtr& ptr(std::size_t i) const { return (*records_)[i]; }
  iterator begin() const { return iterator(records_->begin()); }
  iterator end() const { return iterator(records_->end()); }

  // The index of the record with this id (binary search), or npos.
  std::size_t index_of(std::string_view id) const;
  const StoredInitiative* find(std::string_view id) const {
    const std::size_t i = index_of(id);
    return i == npos ? nullptr : (*records_)[i].get();
  }

 private:
  // Shared: a copy (the registry's of a write's update) costs one pointer.
  std::shared_ptr<const std::vector<RecordPtr>> records_;
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

// A list with changes applied, and how each of its records relates to the
// list before: what every part derived per record needs to update itself.
struct ListUpdate {
  static constexpr std::size_t kWritten = InitiativeList::npos;
  InitiativeList records;
  std::vector<std::size_t> from;    // per record: its index in the list before, or kWritten
  std::vector<std::size_t> written;  // indexes (ascending) of the records the changes wrote
  std::vector<RecordPtr> removed;    // versions before of the records replaced or deleted
};

// Applies changes in order (a later change of an id wins; deleting an
// absent id does nothing). Every written record gets its change's revision
// or else `revision` (the generation the changes were committed as), and
// its joined units in the
// store's order, so it equals the record as the store reads it back.
ListUpdate apply_changes(const InitiativeList& before, const std::vector<InitiativeChange>& changes,
                         std::int64_t revision);

}  // namespace layers
