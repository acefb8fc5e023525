#pragma once
// Whether a closed box meets a polygonal geometry, settled by comparisons
// of coordinates alone wherever they give the exact answer: a vertex in the
// box (yes), or, when no edge comes near the box, a corner's ray crossings
// (yes inside, no outside or in a hole). A box that only an edge crosses,
// with no vertex inside, is left to GEOS (`unknown`), so the answers are
// those of GEOSIntersects. Built once per geometry from a copy of its
// coordinates; immutable, so any number of threads may query it.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "geo/geos/geometry.h"

namespace geo {

class BoxPolygonTest {
 public:
  enum class Answer { no, yes, unknown };

  // g polygonal (Polygon or MultiPolygon); anything else, and boxes
  // without area, answer unknown.
  explicit BoxPolygonTest(const Geometry& g);

  Answer test(const Envelope& box) const;
  std::size_t vertices() const { return xy_.size() / 2; }

 private:
  // A run of consecutive segments of one ring, and their box.
  struct Chunk {
    Envelope box;
    std::uint32_t first = 0, last = 0;  // vertex indexes; segments first..last-1
  };
  struct Ring {
    std::uint32_t first_chunk = 0, end_chunk = 0;
  };
  struct Polygon {
    std::uint32_t first_ring = 0, end_ring = 0;  // the shell, then its holes
  };
  // Crossings of the ray from (x, y) towards +x with the ring, odd or even;
  // (x, y) must lie in no segment's box.
  bool odd_crossings(const Ring& r, double x, double y) const;

  std::vector<double> xy_;  // every ring's vertices, interleaved, each ring closed
  std::vector<Chunk> chunks_;
  std::vector<Ring> rings_;
  std::vector<Polygon> polygons_;
  bool polygonal_ = false;
};

}  // namespace geo
