#include "layers/features/feature_index.h"

namespace layers {

namespace {

// Entries written since the last whole build that a query may scan one by one.
constexpr std::size_t kMaxRecent = 1024;

}  // namespace

FeatureIndex::FeatureIndex(const FeatureIndex& before, const std::vector<std::size_t>& moved,
                           const std::vector<std::pair<std::size_t, geo::Envelope>>& written)
    : tree_(before.tree_), base_boxes_(before.base_boxes_), recent_(before.recent_), position_(before.position_) {
  live_ = written.size();
  for (std::size_t& p : position_) {
    if (p != kGone) p = moved[p];
    live_ += p != kGone;
  }
  for (const auto& [p, box] : written) {
    recent_.push_back(box);
    position_.push_back(p);
  }
  // Too many to scan, or mostly dead entries: built whole again.
  if (recent_.size() > kMaxRecent || live_ * 2 < position_.size()) {
    std::vector<std::pair<std::size_t, geo::Envelope>> entries;
    entries.reserve(live_);
    for (std::size_t e = 0; e < position_.size(); ++e)
      if (position_[e] != kGone)
        entries.emplace_back(position_[e], e < base_size() ? (*base_boxes_)[e] : recent_[e - base_size()]);
    build(entries);
  }
}

void FeatureIndex::build(const std::vector<std::pair<std::size_t, geo::Envelope>>& entries) {
  auto boxes = std::make_shared<std::vector<geo::Envelope>>();
  boxes->reserve(entries.size());
  position_.clear();
  position_.reserve(entries.size());
  for (const auto& [p, box] : entries) {
    boxes->push_back(box);
    position_.push_back(p);
  }
  tree_ = std::make_shared<const geo::BoxTree>(*boxes);
  base_boxes_ = std::move(boxes);
  recent_.clear();
  live_ = entries.size();
}

}  // namespace layers
