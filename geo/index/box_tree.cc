#include "geo/index/box_tree.h"

#include <algorithm>
#include <cmath>

namespace geo {

namespace {
struct Slot {
  Envelope box;
  std::uint32_t ref;  // item index (leaf level) or node index (upper levels)
};

double cx(const Envelope& e) { return (e.min_x + e.max_x) / 2; }
double cy(const Envelope& e) { return (e.min_y + e.max_y) / 2; }

// Orders slots in STR tiles: vertical slices by x, each sorted by y.
void str_sort(std::vector<Slot>& slots, std::size_t node_size) {
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) { return cx(a.box) < cx(b.box); });
  const std::size_t leaves = (slots.size() + node_size - 1) / node_size;
  const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(leaves))));
  const std::size_t per_slice = slices * node_size;
  for (std::size_t s = 0; s < slots.size(); s += per_slice) {
    auto end = slots.begin() + static_cast<std::ptrdiff_t>(std::min(slots.size(), s + per_slice));
    std::sort(slots.begin() + static_cast<std::ptrdiff_t>(s), end,
              [](const Slot& a, const Slot& b) { return cy(a.box) < cy(b.box); });
  }
}
}  // namespace

BoxTree::BoxTree(const std::vector<Envelope>& boxes, std::size_t node_size) : size_(boxes.size()) {
  if (boxes.empty()) return;
  node_size = std::max<std::size_t>(node_size, 2);
  std::vector<Slot> level;
  level.reserve(boxes.size());
  for (std::size_t i = 0; i < boxes.size(); ++i) level.push_back({boxes[i], static_cast<std::uint32_t>(i)});
  bool leaf = true;
  while (true) {
    str_sort(level, node_size);
    std::vector<Slot> parents;
    for (std::size_t s = 0; s < level.size(); s += node_size) {
      Node node;
      node.first = static_cast<std::uint32_t>(boxes_.size());
      node.leaf = leaf;
      Envelope box = level[s].box;
      const std::size_t end = std::min(level.size(), s + node_size);
      for (std::size_t k = s; k < end; ++k) {
        boxes_.push_back(level[k].box);
        items_.push_back(leaf ? level[k].ref : 0);
        children_.push_back(leaf ? 0 : level[k].ref);
        box.expand(level[k].box);
      }
      node.count = static_cast<std::uint32_t>(end - s);
      nodes_.push_back(node);
      parents.push_back({box, static_cast<std::uint32_t>(nodes_.size() - 1)});
    }
    if (parents.size() == 1) {
      root_ = parents[0].ref;
      return;
    }
    level = std::move(parents);
    leaf = false;
  }
}

}  // namespace geo
