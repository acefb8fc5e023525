#pragma once
// A snapshot's full-text index, built when a search first needs it rather
// than with every snapshot: writes outnumber searches, and copying the
// index cost every write a fixed share (about a fifth of a write's CPU on
// the bundled data, bench/README.md). A write's snapshot remembers the
// nearest index an earlier snapshot built and the ids written since; its
// first search copies that index and changes only those records.
#include <cstddef>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "layers/model/initiative_list.h"
#include "layers/search/initiative_search.h"

namespace layers {

class DeferredSearch {
 public:
  // Nothing built yet: the first search indexes every record.
  DeferredSearch() = default;
  // After a write: from what `before` built or remembers, with the ids
  // `update` removed or wrote.
  DeferredSearch(const DeferredSearch& before, const ListUpdate& update);
  DeferredSearch& operator=(const DeferredSearch&) = delete;

  // The index of `records` (the list of the snapshot holding this), built
  // on the first call; safe from any thread.
  const InitiativeSearch& get(const InitiativeList& records) const;

 private:
  // Past this many changed ids a first search builds the index whole: the
  // copy and its changes would cost about as much.
  static constexpr std::size_t kMaxChanged = 4096;

  mutable std::mutex mutex_;
  mutable std::shared_ptr<const InitiativeSearch> built_;
  // Until built: an earlier snapshot's index (null: build whole) and the
  // ids written or removed since it.
  mutable std::shared_ptr<const InitiativeSearch> base_;
  mutable std::set<std::string> changed_;
};

}  // namespace layers
