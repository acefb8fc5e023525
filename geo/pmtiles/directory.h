#pragma once
// PMTiles v3 directories: entries (tile id, where its bytes are, how many
// consecutive ids share them) and their serialisation: a count, then the
// columns of delta-coded ids, run lengths, lengths and offsets as varints.
#include <cstdint>
#include <string>
#include <vector>

namespace geo::pmtiles {

struct Entry {
  std::uint64_t tile_id = 0;
  std::uint64_t offset = 0;      // from the start of the tile data (or of the leaf directories)
  std::uint32_t length = 0;      // bytes, never 0
  std::uint32_t run_length = 0;  // consecutive ids with these bytes; 0: a leaf directory
};

// Entries in ascending tile id order, at least one.
std::string encode_directory(const std::vector<Entry>& entries);

// Little-endian base-128 varint (the encoding's building block).
void append_varint(std::string& out, std::uint64_t v);

}  // namespace geo::pmtiles
