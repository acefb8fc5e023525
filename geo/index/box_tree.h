#pragma once
// A static, packed R-tree of boxes (Sort-Tile-Recursive). Built once, then
// immutable, so any number of threads may query it (GEOS's STRtree builds
// itself lazily on first query, which is why we keep our own).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "geo/geos/geometry.h"

namespace geo {

class BoxTree {
 public:
  BoxTree() = default;
  // item i of the tree is boxes[i].
  explicit BoxTree(const std::vector<Envelope>& boxes, std::size_t node_size = 16);

  // Calls visit(i) for every item whose box intersects query.
  template <typename Visit>
  void query(const Envelope& query, Visit&& visit) const {
    if (nodes_.empty()) return;
    std::uint32_t stack[256];  // depth * (node_size - 1) + 1 fits for any realistic size
    int top = 0;
    stack[top++] = root_;
    while (top > 0) {
      const Node& n = nodes_[stack[--top]];
      for (std::uint32_t c = n.first; c < n.first + n.count; ++c) {
        if (!boxes_[c].intersects(query)) continue;
        if (n.leaf)
          visit(static_cast<std::size_t>(items_[c]));
        else
          stack[top++] = children_[c];
      }
    }
  }
  std::size_t size() const { return size_; }

 private:
  struct Node {
    std::uint32_t first = 0, count = 0;
    bool leaf = true;
  };
  // Entries: boxes_[k] with either items_[k] (leaf) or children_[k] (inner).
  std::vector<Envelope> boxes_;
  std::vector<std::uint32_t> items_;
  std::vector<std::uint32_t> children_;
  std::vector<Node> nodes_;
  std::uint32_t root_ = 0;
  std::size_t size_ = 0;
};

}  // namespace geo
