#pragma once
// The box index of one collection's features, which a write updates
// without rebuilding it: a packed tree over the features as they were when
// it was built, the boxes of features written since (scanned one by one),
// and for every entry the feature's current position in the collection
// (or none once the feature is gone). When the written entries pass a bound
// it is built whole again, so a query never scans many and a write costs
// one integer per feature, not a sort of every box.
#include <algorithm>
#include <cstddef>
#include <limits>
#include <memory>
#include <vector>

#include "geo/index/box_tree.h"
#include "geo/geos/geometry.h"

namespace layers {

class FeatureIndex {
 public:
  static constexpr std::size_t kGone = std::numeric_limits<std::size_t>::max();

  FeatureIndex() = default;
  // entries: (position, box) of every feature with a geometry.
  explicit FeatureIndex(const std::vector<std::pair<std::size_t, geo::Envelope>>& entries) { build(entries); }
  // After a write. moved[p]: the position after of the feature at position p
  // before, kGone if it was removed or replaced; written: (position after,
  // box) of each written feature with a geometry.
  FeatureIndex(const FeatureIndex& before, const std::vector<std::size_t>& moved,
               const std::vector<std::pair<std::size_t, geo::Envelope>>& written);

  // Calls visit(position) once for every feature whose box meets `box`, in no set order.
  template <typename Visit>
  void query(const geo::Envelope& box, Visit&& visit) const {
    if (tree_)
      tree_->query(box, [&](std::size_t e) {
        if (position_[e] != kGone) visit(position_[e]);
      });
    for (std::size_t k = 0; k < recent_.size(); ++k) {
      const std::size_t p = position_[base_size() + k];
      if (p != kGone && recent_[k].intersects(box)) visit(p);
    }
  }
  // Features indexed (those with a geometry).
  std::size_t size() const { return live_; }

 private:
  std::size_t base_size() const { return tree_ ? tree_->size() : 0; }
  void build(const std::vector<std::pair<std::size_t, geo::Envelope>>& entries);

  // Entries 0 .. base_size() - 1 and their boxes, shared between writes.
  std::shared_ptr<const geo::BoxTree> tree_;
  std::shared_ptr<const std::vector<geo::Envelope>> base_boxes_;
  std::vector<geo::Envelope> recent_;          // boxes of entries base_size() ...
  std::vector<std::size_t> position_;          // per entry: the feature's position, or kGone
  std::size_t live_ = 0;
};

}  // namespace layers
