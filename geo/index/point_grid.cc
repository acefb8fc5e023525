#include "geo/index/point_grid.h"

#include <algorithm>
#include <cmath>

namespace geo {

namespace {
// Every bound below is widened by this share: far above the rounding of the
// few operations nearest() and the crossing test do, far below a cell.
constexpr double kSlack = 1e-7;
// Above this many cells the cells grow (a polygon near a pole, a huge extent).
constexpr double kMaxCells = 1 << 28;

constexpr std::uint8_t kNearMark = 1, kEdgeMark = 2;

struct Widened {
  Envelope near;  // every point whose nearest() search box can meet the edge's box
  Envelope edge;  // every point whose crossing test on the edge might round the other way
};

// PolygonIndex::nearest() searches, around (lon, lat), the box of half
// height dy = max_metres / kMetresPerDegree and half width dx = dy /
// max(cos(lat), 1e-6), widened by 1e-9 (1 + |lon| + |lat|) + 1e-6 dx. A point
// whose search box meets the edge's box b lies within dy and a bit of b, so
// its |lat| is below `lat` here and its dx, margin and |lon| below these.
Widened widen(const Envelope& b, double dy) {
  const double lat = std::max(std::abs(b.min_y), std::abs(b.max_y)) + 2 * dy;
  const double cos_lat = lat < 90 ? std::cos(lat * M_PI / 180.0) : 0.0;
  const double dx = dy / std::max(cos_lat, 1e-6) * (1 + kSlack);
  const double lon = std::max(std::abs(b.min_x), std::abs(b.max_x)) + 2 * dx + 2 * dy;
  const double tiny = 1e-9 * (1 + lon + lat);
  const double hx = (dx + tiny + 1e-6 * dx) * (1 + kSlack), hy = (dy + tiny + 1e-6 * dx) * (1 + kSlack);
  // The crossing test's intersection is off by some 1e-13 degrees at most.
  return {{b.min_x - hx, b.min_y - hy, b.max_x + hx, b.max_y + hy},
          {b.min_x - tiny, b.min_y - tiny, b.max_x + tiny, b.max_y + tiny}};
}
}  // namespace

std::int64_t PointGrid::column(double x) const {
  return std::clamp(static_cast<std::int64_t>(std::floor((x - x0_) * scale_)), std::int64_t{0}, columns_ - 1);
}

std::int64_t PointGrid::row(double y) const {
  return std::clamp(static_cast<std::int64_t>(std::floor((y - y0_) * scale_)), std::int64_t{0}, rows_ - 1);
}

PointGrid::PointGrid(const PolygonIndex& index, double max_metres, double cell_degrees) {
  const double dy = max_metres / PolygonIndex::kMetresPerDegree;
  if (!(dy >= 0 && dy < 1) || !(cell_degrees > 0)) return;  // no grid: every point goes to the index
  // Each edge's box for the crossing test; for the search boxes, the box of
  // a few consecutive edges (up to about a cell): the same cells, marked once.
  std::vector<Envelope> edges, groups;
  Envelope group = Envelope::empty(), extent = Envelope::empty();
  const auto close_group = [&] {
    if (group.min_x > group.max_x) return;
    groups.push_back(widen(group, dy).near);
    extent.expand(groups.back());
    group = Envelope::empty();
  };
  index.for_each_edge([&](double x1, double y1, double x2, double y2) {
    const Envelope b{std::min(x1, x2), std::min(y1, y2), std::max(x1, x2), std::max(y1, y2)};
    edges.push_back(widen(b, dy).edge);
    Envelope grown = group;
    grown.expand(b);
    if (grown.max_x - grown.min_x > cell_degrees || grown.max_y - grown.min_y > cell_degrees) {
      close_group();
      grown = b;
    }
    group = grown;
  });
  close_group();
  if (edges.empty() || !std::isfinite(extent.min_x) || !std::isfinite(extent.max_x) ||
      !std::isfinite(extent.min_y) || !std::isfinite(extent.max_y))
    return;
  x0_ = extent.min_x, y0_ = extent.min_y, x1_ = extent.max_x, y1_ = extent.max_y;
  scale_ = 1 / cell_degrees;
  while ((x1_ - x0_) * scale_ * (y1_ - y0_) * scale_ > kMaxCells) scale_ /= 2;
  columns_ = static_cast<std::int64_t>(std::floor((x1_ - x0_) * scale_)) + 1;
  rows_ = static_cast<std::int64_t>(std::floor((y1_ - y0_) * scale_)) + 1;
  block_columns_ = (columns_ + kBlock - 1) / kBlock;
  const std::int64_t block_rows = (rows_ + kBlock - 1) / kBlock;
  const auto block_of = [&](std::int64_t c, std::int64_t r) {
    return static_cast<std::size_t>((r / kBlock) * block_columns_ + c / kBlock);
  };

  // Blocks that some widened edge reaches get a mark per cell; the others
  // are settled whole.
  constexpr std::uint32_t kWhole = UINT32_MAX;
  std::vector<std::uint32_t> marked(static_cast<std::size_t>(block_columns_ * block_rows), kWhole);
  for (const Envelope& near : groups)
    for (std::int64_t br = row(near.min_y) / kBlock; br <= row(near.max_y) / kBlock; ++br)
      for (std::int64_t bc = column(near.min_x) / kBlock; bc <= column(near.max_x) / kBlock; ++bc)
        marked[static_cast<std::size_t>(br * block_columns_ + bc)] = 0;
  std::uint32_t count = 0;
  for (auto& m : marked)
    if (m != kWhole) m = count++;
  std::vector<std::uint8_t> marks(static_cast<std::size_t>(count) * kCells, 0);
  const auto cell_of = [&](std::int64_t c, std::int64_t r) {
    return static_cast<std::size_t>(marked[block_of(c, r)]) * kCells +
           static_cast<std::size_t>((r % kBlock) * kBlock + c % kBlock);
  };
  const auto mark = [&](const Envelope& e, std::uint8_t bit) {
    const std::int64_t c0 = column(e.min_x), c1 = column(e.max_x);
    for (std::int64_t r = row(e.min_y), r1 = row(e.max_y); r <= r1; ++r)
      for (std::int64_t c = c0; c <= c1; ++c) marks[cell_of(c, r)] |= bit;
  };
  for (const Envelope& near : groups) mark(near, kNearMark);
  for (const Envelope& edge : edges) mark(edge, kEdgeMark);
  groups = {};
  edges = {};

  // Rows swept west to east: cells next to each other (west or north) that
  // no edge meets are inside the same polygons, so one containing() answers
  // a run. A cell's class: kNone (in no polygon), id + 2, or kUnknown (an
  // edge meets it, or it is in several polygons).
  constexpr std::uint32_t kNotYet = UINT32_MAX;
  blocks_.assign(marked.size(), kNotYet);
  std::vector<std::uint16_t> classes(static_cast<std::size_t>(count) * kCells, kUnknown);
  const auto class_at = [&](std::int64_t c, std::int64_t r) -> std::uint32_t {
    const double x = x0_ + (static_cast<double>(c) + 0.5) / scale_, y = y0_ + (static_cast<double>(r) + 0.5) / scale_;
    if (column(x) != c || row(y) != r) return kUnknown;
    const auto hits = index.containing(x, y);
    if (hits.empty()) return kNone;
    return hits.size() == 1 && hits[0] + 2 <= UINT16_MAX ? static_cast<std::uint32_t>(hits[0] + 2) : kUnknown;
  };
  const auto class_north = [&](std::int64_t c, std::int64_t r) -> std::uint32_t {
    if (r == 0) return kUnknown;
    const std::size_t b = block_of(c, r - 1);
    return marked[b] == kWhole ? blocks_[b] : classes[cell_of(c, r - 1)];
  };
  for (std::int64_t r = 0; r < rows_; ++r) {
    std::uint32_t run = kUnknown;  // the class of the cell west of here
    for (std::int64_t bc = 0; bc < block_columns_; ++bc) {
      const std::size_t b = static_cast<std::size_t>((r / kBlock) * block_columns_ + bc);
      if (marked[b] == kWhole) {
        if (blocks_[b] == kNotYet) {
          if (run == kUnknown) run = class_north(bc * kBlock, r);
          blocks_[b] = run != kUnknown ? run : class_at(bc * kBlock, r);
        }
        run = blocks_[b];
        continue;
      }
      for (std::int64_t c = bc * kBlock; c < std::min(columns_, (bc + 1) * kBlock); ++c) {
        const std::size_t k = cell_of(c, r);
        if (marks[k] & kEdgeMark) {
          run = kUnknown;
          continue;
        }
        if (run == kUnknown) run = class_north(c, r);
        if (run == kUnknown) run = class_at(c, r);
        classes[k] = static_cast<std::uint16_t>(run);
      }
    }
  }

  // Codes: a cell in no polygon is settled only if no search box reaches
  // it. A marked block whose cells all say the same is kept as that code.
  const auto code_of = [&](std::size_t k) -> std::uint16_t {
    return classes[k] == kNone && (marks[k] & kNearMark) ? kUnknown : classes[k];
  };
  for (std::size_t b = 0; b < marked.size(); ++b) {
    if (marked[b] == kWhole) continue;
    const std::int64_t c0 = static_cast<std::int64_t>(b % static_cast<std::size_t>(block_columns_)) * kBlock;
    const std::int64_t r0 = static_cast<std::int64_t>(b / static_cast<std::size_t>(block_columns_)) * kBlock;
    const std::uint16_t first = code_of(cell_of(c0, r0));
    bool same = true;
    for (std::int64_t r = r0; same && r < std::min(rows_, r0 + kBlock); ++r)
      for (std::int64_t c = c0; same && c < std::min(columns_, c0 + kBlock); ++c) same = code_of(cell_of(c, r)) == first;
    if (same) {
      blocks_[b] = first;
      continue;
    }
    blocks_[b] = kFineBlock | static_cast<std::uint32_t>(fine_.size() / kCells);
    const std::size_t at = static_cast<std::size_t>(marked[b]) * kCells;
    for (std::size_t k = at; k < at + kCells; ++k) fine_.push_back(code_of(k));
  }
}

PointGrid::Settled PointGrid::settle(double x, double y) const {
  if (blocks_.empty() || !std::isfinite(x) || !std::isfinite(y)) return {};
  // Beyond every widened edge: in no polygon's box and near no edge.
  if (x < x0_ || x > x1_ || y < y0_ || y > y1_) return {Settled::Kind::none, 0};
  const std::int64_t c = column(x), r = row(y);
  std::uint32_t code = blocks_[static_cast<std::size_t>((r / kBlock) * block_columns_ + c / kBlock)];
  if (code & kFineBlock)
    code = fine_[static_cast<std::size_t>(code & ~kFineBlock) * kCells + static_cast<std::size_t>((r % kBlock) * kBlock + c % kBlock)];
  if (code == kUnknown) return {};
  if (code == kNone) return {Settled::Kind::none, 0};
  return {Settled::Kind::inside, code - 2};
}

}  // namespace geo
