#include "tests/support/pmtiles_check.h"

#include <zlib.h>

#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <stdexcept>

namespace test_support {

namespace {

std::uint64_t le(const std::string& b, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return v;
}

std::string gunzip(const std::string& in) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) throw std::runtime_error("inflateInit2");
  std::string out;
  char buf[65536];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      throw std::runtime_error("not gzip data");
    }
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  return out;
}

struct Entry {
  std::uint64_t id, offset, length, run;
};

struct Cursor {
  const std::string& b;
  std::size_t at = 0;
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at >= b.size()) throw std::runtime_error("directory ends inside a varint");
      const auto c = static_cast<unsigned char>(b[at++]);
      v |= std::uint64_t{c & 0x7fu} << shift;
      if (!(c & 0x80)) return v;
    }
    throw std::runtime_error("varint over 64 bits");
  }
};

std::vector<Entry> decode(const std::string& bytes) {
  Cursor c{bytes};
  const std::uint64_t n = c.varint();
  if (n == 0) throw std::runtime_error("an empty directory");
  std::vector<Entry> e(n);
  std::uint64_t id = 0;
  for (auto& x : e) x.id = id += c.varint();
  for (auto& x : e) x.run = c.varint();
  for (auto& x : e) x.length = c.varint();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t v = c.varint();
    if (v == 0) {
      if (i == 0) throw std::runtime_error("the first offset refers to a previous entry");
      e[i].offset = e[i - 1].offset + e[i - 1].length;
    } else {
      e[i].offset = v - 1;
    }
  }
  if (c.at != bytes.size()) throw std::runtime_error("bytes after the directory's last column");
  return e;
}

}  // namespace

std::uint64_t pmtiles_tile_id(int z, std::uint32_t x, std::uint32_t y) {
  std::uint64_t base = 0;
  for (int i = 0; i < z; ++i) base += std::uint64_t{1} << (2 * i);
  // The Hilbert index, quadrant by quadrant from the most significant bit.
  std::uint64_t d = 0, px = x, py = y;
  const std::uint64_t n = std::uint64_t{1} << z;
  for (std::uint64_t s = n >> 1; s > 0; s >>= 1) {
    const std::uint64_t rx = (px & s) ? 1 : 0, ry = (py & s) ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) {
        px = s - 1 - (px & (s - 1));
        py = s - 1 - (py & (s - 1));
      }
      std::swap(px, py);
    }
    px &= s - 1;
    py &= s - 1;
  }
  return base + d;
}

std::tuple<int, std::uint32_t, std::uint32_t> pmtiles_zxy(std::uint64_t id) {
  int z = 0;
  std::uint64_t base = 0;
  while (id >= base + (std::uint64_t{1} << (2 * z))) base += std::uint64_t{1} << (2 * z++);
  // Search is fine for tests: walk down the quadrants matching the id.
  std::uint32_t x = 0, y = 0;
  for (int level = z - 1; level >= 0; --level) {
    for (std::uint32_t q = 0; q < 4; ++q) {
      const std::uint32_t cx = x | ((q & 1) << level), cy = y | ((q >> 1) << level);
      // The lowest id of the quadrant's tiles is reached with its lower bits 0; compare spans.
      const std::uint64_t span = std::uint64_t{1} << (2 * level);
      std::uint64_t lo = UINT64_MAX;
      for (std::uint32_t ox : {0u, (1u << level) - 1})
        for (std::uint32_t oy : {0u, (1u << level) - 1}) lo = std::min(lo, pmtiles_tile_id(z, cx | ox, cy | oy));
      // A Hilbert quadrant's ids are contiguous and one of its corners holds the first.
      if (id - base >= lo - base && id - base < lo - base + span) {
        x = cx;
        y = cy;
        break;
      }
    }
  }
  return {z, x, y};
}

PmtilesArchive read_pmtiles(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  PmtilesArchive a;
  auto problem = [&](const std::string& p) { a.problems.push_back(p); };
  if (b.size() < 127 || b.compare(0, 7, "PMTiles") != 0 || b[7] != 3) {
    problem("no PMTiles v3 header");
    return a;
  }
  PmtilesHeader& h = a.header;
  h.root_offset = le(b, 8, 8);
  h.root_length = le(b, 16, 8);
  h.metadata_offset = le(b, 24, 8);
  h.metadata_length = le(b, 32, 8);
  h.leaves_offset = le(b, 40, 8);
  h.leaves_length = le(b, 48, 8);
  h.data_offset = le(b, 56, 8);
  h.data_length = le(b, 64, 8);
  h.addressed = le(b, 72, 8);
  h.entries = le(b, 80, 8);
  h.contents = le(b, 88, 8);
  h.clustered = static_cast<int>(le(b, 96, 1));
  h.internal_compression = static_cast<int>(le(b, 97, 1));
  h.tile_compression = static_cast<int>(le(b, 98, 1));
  h.tile_type = static_cast<int>(le(b, 99, 1));
  h.min_zoom = static_cast<int>(le(b, 100, 1));
  h.max_zoom = static_cast<int>(le(b, 101, 1));
  h.min_lon_e7 = static_cast<std::int32_t>(le(b, 102, 4));
  h.min_lat_e7 = static_cast<std::int32_t>(le(b, 106, 4));
  h.max_lon_e7 = static_cast<std::int32_t>(le(b, 110, 4));
  h.max_lat_e7 = static_cast<std::int32_t>(le(b, 114, 4));
  h.center_zoom = static_cast<int>(le(b, 118, 1));
  h.center_lon_e7 = static_cast<std::int32_t>(le(b, 119, 4));
  h.center_lat_e7 = static_cast<std::int32_t>(le(b, 123, 4));

  if (h.root_offset != 127) problem("the root directory does not follow the header");
  if (h.root_offset + h.root_length > 16384) problem("the root directory ends past 16 KiB");
  if (h.metadata_offset != h.root_offset + h.root_length || h.leaves_offset != h.metadata_offset + h.metadata_length ||
      h.data_offset != h.leaves_offset + h.leaves_length || h.data_offset + h.data_length != b.size())
    problem("the sections are not contiguous in the specified order, or the file is not their size");
  if (h.internal_compression != 1 && h.internal_compression != 2) problem("internal compression neither none nor gzip");
  if (h.tile_compression < 1 || h.tile_compression > 4) problem("tile compression unknown");
  if (h.min_zoom > h.max_zoom || h.min_lon_e7 > h.max_lon_e7 || h.min_lat_e7 > h.max_lat_e7)
    problem("zooms or bounds reversed");
  if (!a.problems.empty()) return a;

  auto section = [&](std::uint64_t at, std::uint64_t length) {
    const std::string raw = b.substr(at, length);
    return h.internal_compression == 2 ? gunzip(raw) : raw;
  };
  try {
    a.metadata = nlohmann::json::parse(section(h.metadata_offset, h.metadata_length));
    std::vector<Entry> tiles;
    std::uint64_t last_leaf_id = 0;
    bool first_leaf = true;
    for (const Entry& e : decode(section(h.root_offset, h.root_length))) {
      if (e.length == 0) problem("an entry of length 0");
      if (e.run > 0) {
        tiles.push_back(e);
        continue;
      }
      if (e.offset + e.length > h.leaves_length) problem("a leaf directory outside the leaf section");
      if (!first_leaf && e.id <= last_leaf_id) problem("leaf directories out of order");
      first_leaf = false;
      last_leaf_id = e.id;
      ++a.leaf_directories;
      const auto leaf = decode(section(h.leaves_offset + e.offset, e.length));
      if (leaf.front().id != e.id) problem("a leaf's first id differs from its root entry's");
      for (const Entry& t : leaf) {
        if (t.run == 0) problem("a leaf directory points to another (depth over 2 not expected)");
        tiles.push_back(t);
      }
    }
    std::set<std::uint64_t> offsets;
    std::uint64_t addressed = 0, next_new = 0;
    for (std::size_t i = 0; i < tiles.size(); ++i) {
      const Entry& t = tiles[i];
      if (t.length == 0) problem("a tile of length 0");
      if (i > 0 && t.id < tiles[i - 1].id + tiles[i - 1].run) problem("tile ids out of order or runs overlapping");
      if (t.offset + t.length > h.data_length) problem("a tile outside the tile data");
      if (h.clustered && t.offset != next_new && t.offset >= next_new) problem("clustered, yet a tile jumps ahead");
      if (t.offset == next_new) next_new = t.offset + t.length;
      offsets.insert(t.offset);
      addressed += t.run;
      const std::string bytes = b.substr(h.data_offset + t.offset, t.length);
      for (std::uint64_t k = 0; k < t.run; ++k) {
        const auto zxy = pmtiles_zxy(t.id + k);
        if (std::get<0>(zxy) < h.min_zoom || std::get<0>(zxy) > h.max_zoom) problem("a tile outside min/max zoom");
        a.tiles[zxy] = bytes;
      }
    }
    if (addressed != h.addressed) problem("addressed tiles count is wrong");
    if (tiles.size() != h.entries) problem("tile entries count is wrong");
    if (offsets.size() != h.contents) problem("tile contents count is wrong");
  } catch (const std::exception& e) {
    problem(e.what());
  }
  return a;
}

}  // namespace test_support
