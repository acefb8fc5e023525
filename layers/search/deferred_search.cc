#include "layers/search/deferred_search.h"

namespace layers {

DeferredSearch::DeferredSearch(const DeferredSearch& before, const ListUpdate& update) {
  {
    std::lock_guard lock(before.mutex_);
    if (before.built_) {
      base_ = before.built_;
    } else {
      base_ = before.base_;
      changed_ = before.changed_;
    }
  }
  if (!base_) return;
  for (const RecordPtr& r : update.removed) changed_.insert(r->initiative.id);
  for (std::size_t i : update.written) changed_.insert(update.records[i].initiative.id);
  if (changed_.size() > kMaxChanged) {
    base_.reset();
    changed_.clear();
  }
}

const InitiativeSearch& DeferredSearch::get(const InitiativeList& records) const {
  std::lock_guard lock(mutex_);
  if (!built_) {
    built_ = base_ ? std::make_shared<const InitiativeSearch>(*base_, records, changed_)
                   : std::make_shared<const InitiativeSearch>(records);
    base_.reset();
    changed_.clear();
  }
  return *built_;
}

}  // namespace layers
