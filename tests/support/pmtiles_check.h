#pragma once
// An independent PMTiles v3 reader for tests (it shares no code with
// geo/pmtiles): reads an archive, checks it against the specification and
// returns every tile. Checked: magic and version; the sections in order,
// contiguous, within the file, the header and root directory within the
// first 16 KiB; the enums; directories non-empty, ids ascending, runs not
// overlapping, lengths > 0, offsets and lengths inside the tile data (or
// the leaf section), leaves in order; the three counters; the clustered
// flag; the JSON metadata parses.
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

namespace test_support {

struct PmtilesHeader {
  std::uint64_t root_offset = 0, root_length = 0, metadata_offset = 0, metadata_length = 0, leaves_offset = 0,
                leaves_length = 0, data_offset = 0, data_length = 0, addressed = 0, entries = 0, contents = 0;
  int clustered = 0, internal_compression = 0, tile_compression = 0, tile_type = 0, min_zoom = 0, max_zoom = 0;
  std::int32_t min_lon_e7 = 0, min_lat_e7 = 0, max_lon_e7 = 0, max_lat_e7 = 0;
  int center_zoom = 0;
  std::int32_t center_lon_e7 = 0, center_lat_e7 = 0;
};

struct PmtilesArchive {
  PmtilesHeader header;
  nlohmann::json metadata;
  std::size_t leaf_directories = 0;
  std::map<std::tuple<int, std::uint32_t, std::uint32_t>, std::string> tiles;  // (z, x, y) -> bytes
  std::vector<std::string> problems;  // empty: the archive follows the specification
};

PmtilesArchive read_pmtiles(const std::string& path);

// The specification's tile id of z/x/y and back, written here from its
// definition (a Hilbert curve per zoom after all tiles of lower zooms).
std::uint64_t pmtiles_tile_id(int z, std::uint32_t x, std::uint32_t y);
std::tuple<int, std::uint32_t, std::uint32_t> pmtiles_zxy(std::uint64_t id);

}  // namespace test_support
