#include "geo/pmtiles/directory.h"

#include <stdexcept>

namespace geo::pmtiles {

void append_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

std::string encode_directory(const std::vector<Entry>& entries) {
  if (entries.empty()) throw std::logic_error("a PMTiles directory holds at least one entry");
  std::string out;
  append_varint(out, entries.size());
  std::uint64_t last_id = 0;
  for (const Entry& e : entries) {
    if (e.tile_id < last_id) throw std::logic_error("PMTiles directory entries out of order");
    append_varint(out, e.tile_id - last_id);
    last_id = e.tile_id;
  }
  for (const Entry& e : entries) append_varint(out, e.run_length);
  for (const Entry& e : entries) append_varint(out, e.length);
  // An offset that follows on from the previous entry's bytes is written as 0.
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    if (i > 0 && e.offset == entries[i - 1].offset + entries[i - 1].length)
      append_varint(out, 0);
    else
      append_varint(out, e.offset + 1);
  }
  return out;
}

}  // namespace geo::pmtiles
