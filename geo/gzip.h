#pragma once
// gzip members (RFC 1952) of a byte string and back, with zlib: tile
// packages store MVT gzipped (MBTiles' "pbf") and PMTiles compresses its
// directories. Deterministic: equal input, equal bytes (no time stamp).
#include <string>
#include <string_view>

namespace geo {

// level 1..9; 9: written once, read often.
std::string gzip_compress(std::string_view bytes, int level = 9);
// The data of one or more gzip members; throws geo::Error when it is not gzip.
std::string gzip_decompress(std::string_view bytes);

}  // namespace geo
