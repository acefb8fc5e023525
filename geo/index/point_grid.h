#pragma once
// A grid of cells over a PolygonIndex that settles most points in one
// lookup: a cell that no edge meets and that no point of which has an edge
// within the snap distance answers "in no polygon, near none"; a cell that
// no edge meets and that lies inside exactly one polygon answers that
// polygon. Every other cell (and a non-finite point) is left to the index.
//
// The answers are exactly those of PolygonIndex::containing() and
// PolygonIndex::nearest(lon, lat, max_metres): a cell is settled only when
// no edge's box, widened by the most that nearest() could widen its search
// box for any point of the cell (the widths rounded up), reaches it, and its
// inside/outside comes from containing() at one point of a run of cells no
// edge meets (the even-odd count of closed rings is the same across such a
// run). Built once, immutable, safe from any thread.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "geo/index/polygon_index.h"

namespace geo {

class PointGrid {
 public:
  // cell_degrees: the side of a cell; cells are kept in blocks of 16 x 16,
  // and a block that no widened edge reaches is stored as one answer.
  PointGrid(const PolygonIndex& index, double max_metres, double cell_degrees = 1.0 / 128);

  struct Settled {
    enum class Kind : std::uint8_t { unknown, none, inside };
    Kind kind = Kind::unknown;
    std::size_t id = 0;  // for inside: the one polygon holding the point
  };
  // none: containing() is empty and nearest(x, y, max_metres) finds nothing;
  // inside: containing() is {id}; unknown: ask the index.
  Settled settle(double x, double y) const;

  // Blocks of cells kept cell by cell (the others are one answer each).
  std::size_t blocks_stored() const { return fine_.size() / kCells; }

 private:
  static constexpr std::int64_t kBlock = 16;
  static constexpr std::size_t kCells = kBlock * kBlock;
  // Cell codes: 0 unknown, 1 none, id + 2 inside polygon id.
  static constexpr std::uint16_t kUnknown = 0, kNone = 1;
  static constexpr std::uint32_t kFineBlock = 0x80000000u;  // blocks_[b] & ~kFineBlock indexes fine_ blocks

  // Column and row of a coordinate, clamped to the grid: monotonic, so every
  // point of a box falls in the cells between those of its corners.
  std::int64_t column(double x) const;
  std::int64_t row(double y) const;

  double x0_ = 0, y0_ = 0, x1_ = 0, y1_ = 0, scale_ = 1;
  std::int64_t columns_ = 0, rows_ = 0, block_columns_ = 0;
  std::vector<std::uint32_t> blocks_;  // a cell code, or kFineBlock | the index of its kCells codes in fine_
  std::vector<std::uint16_t> fine_;
};

}  // namespace geo
