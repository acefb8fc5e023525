#pragma once
// Simplification of a polygon coverage by its shared edges, so neighbours
// stay free of gaps and overlaps at every tolerance (GEOS 3.11 has no
// CoverageSimplify). The coverage is noded into arcs: maximal runs of ring
// edges between junctions (vertices with more than two distinct
// neighbours). Each arc is stored once, whichever polygons use it, and
// ranked once by Douglas-Peucker with fixed endpoints: every vertex gets the
// largest tolerance at which it survives. A simplified copy at any
// tolerance is then a filter of the same arcs, identical on both sides of
// every shared boundary.
//
// Shared boundaries are found by exact coordinate equality, which is what
// a coverage dissolved from the same source has; boundaries that only
// nearly coincide are simplified independently.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "geo/geos/geometry_ops.h"

namespace geo {

class CoverageTopology {
 public:
  // features[i]: the polygons of feature i (closed rings, exterior first).
  explicit CoverageTopology(const std::vector<std::vector<FlatPolygon>>& features);

  // The coverage with every vertex whose rank is under `tolerance` (in
  // coordinate units) removed. Rings left with under three distinct points
  // are dropped, and a polygon whose exterior is dropped is dropped whole.
  std::vector<std::vector<FlatPolygon>> simplified(double tolerance) const;
  // simplified(tolerances[i]) for every i, in one go (cheaper than one by one).
  std::vector<std::vector<std::vector<FlatPolygon>>> simplified(const std::vector<double>& tolerances) const;

  std::size_t feature_count() const { return features_.size(); }
  std::size_t arc_count() const { return arcs_.size(); }
  std::size_t vertex_count() const { return xy_.size() / 2; }

 private:
  struct ArcUse {
    std::uint32_t arc;
    bool reversed;
  };
  using TopoRing = std::vector<ArcUse>;
  using TopoPolygon = std::vector<TopoRing>;
  struct Arc {
    std::vector<std::uint32_t> vertices;  // first and last are junctions
    std::vector<double> rank2;            // squared tolerance below which vertex k survives
  };
  void rank_arc(Arc& arc) const;
  // The coverage from the kept positions along each arc.
  std::vector<std::vector<FlatPolygon>> assemble(const std::vector<std::vector<std::uint32_t>>& kept) const;

  std::vector<double> xy_;  // unique vertices
  std::vector<Arc> arcs_;
  std::vector<std::vector<TopoPolygon>> features_;
};

}  // namespace geo
