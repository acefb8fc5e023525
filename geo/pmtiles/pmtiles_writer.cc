#include "geo/pmtiles/pmtiles_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>

#include "geo/error.h"
#include "geo/gzip.h"
#include "geo/json_text.h"
#include "geo/pmtiles/tile_id.h"

namespace geo::pmtiles {

// An open file descriptor, closed on destruction; failures name the file.
struct Writer::Fd {
  Fd(std::string path, int flags) : path(std::move(path)), fd(::open(this->path.c_str(), flags | O_CLOEXEC, 0644)) {
    if (fd < 0) fail("cannot create");
  }
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  [[noreturn]] void fail(const char* what) const {
    throw Error(std::string(what) + " '" + path + "': " + std::strerror(errno));
  }
  void write_at(std::uint64_t offset, std::string_view bytes) const {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail("cannot write");
      done += static_cast<std::size_t>(n);
    }
  }
  std::string read_at(std::uint64_t offset, std::size_t length) const {
    std::string out(length, '\0');
    std::size_t done = 0;
    while (done < length) {
      const ssize_t n = ::pread(fd, out.data() + done, length - done, static_cast<off_t>(offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail("cannot read");
      done += static_cast<std::size_t>(n);
    }
    return out;
  }
  void close_checked() {
    if (::fsync(fd) != 0) fail("cannot sync");
    const int rc = ::close(fd);
    fd = -1;
    if (rc != 0) fail("cannot close");
  }
  std::string path;
  int fd;
};

namespace {

void put(std::string& h, std::size_t at, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) h[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
}

// Degrees as the header stores them: signed 32-bit, 1e-7 degree units.
std::uint64_t e7(double degrees) {
  return static_cast<std::uint32_t>(static_cast<std::int32_t>(std::lround(degrees * 1e7)));
}

std::string metadata_json(const TilePackageInfo& info) {
  std::string j = "{";
  auto member = [&](const char* name, std::string_view value) {
    if (j.size() > 1) j += ',';
    append_json_string(j, name);
    j += ':';
    append_json_string(j, value);
  };
  member("name", info.name);
  member("description", info.description);
  member("attribution", info.attribution);
  member("version", info.version);
  member("type", "overlay");
  j += ",\"vector_layers\":";
  j += info.vector_layers_json;
  j += '}';
  return j;
}

}  // namespace

Writer::Writer(std::string path, TilePackageInfo info, WriterOptions options)
    : path_(std::move(path)),
      partial_(partial_path(path_)),
      spool_path_(partial_ + ".tiles"),
      info_(std::move(info)),
      options_(options) {
  if (options_.internal_compression != Compression::none && options_.internal_compression != Compression::gzip)
    throw Error("PMTiles: directories are written uncompressed or gzipped only");
  spool_ = std::make_unique<Fd>(spool_path_, O_RDWR | O_CREAT | O_TRUNC);
}

Writer::~Writer() {
  spool_.reset();
  ::unlink(spool_path_.c_str());
  if (!committed_) ::unlink(partial_.c_str());
}

std::string Writer::compress(std::string_view bytes) const {
  return options_.internal_compression == Compression::gzip ? gzip_compress(bytes) : std::string(bytes);
}

const Entry* Writer::stored_copy(std::uint64_t hash, std::string_view bytes) {
  const auto [begin, end] = by_hash_.equal_range(hash);
  for (auto it = begin; it != end; ++it) {
    const Entry& e = entries_[it->second];
    if (e.length == bytes.size() && spool_->read_at(e.offset, e.length) == bytes) return &e;
  }
  return nullptr;
}

void Writer::add(const TileId& tile, std::string_view bytes) {
  if (bytes.empty()) throw std::logic_error("PMTiles: a tile has at least one byte");
  if (bytes.size() > UINT32_MAX) throw Error("PMTiles: a tile of 4 GiB or more");
  const std::uint64_t id = tile_id(tile);
  if (!entries_.empty()) {
    const Entry& last = entries_.back();
    if (id < last.tile_id + last.run_length) clustered_ = false;
  }
  const std::uint64_t hash = std::hash<std::string_view>{}(bytes);
  ++addressed_;
  if (const Entry* copy = stored_copy(hash, bytes)) {
    Entry& last = entries_.back();
    if (last.offset == copy->offset && last.tile_id + last.run_length == id) {
      ++last.run_length;  // the same bytes as the tile just before it
      return;
    }
    entries_.push_back({id, copy->offset, copy->length, 1});
    return;
  }
  spool_->write_at(data_bytes_, bytes);
  entries_.push_back({id, data_bytes_, static_cast<std::uint32_t>(bytes.size()), 1});
  by_hash_.emplace(hash, entries_.size() - 1);
  data_bytes_ += bytes.size();
  ++contents_;
}

// The root directory alone when it fits; otherwise leaves of a size that
// doubles until the root pointing at them fits.
void Writer::build_directories(std::vector<Entry>& entries, std::string& root, std::string& leaves) const {
  root = compress(encode_directory(entries));
  leaves.clear();
  if (kHeaderBytes + root.size() <= kRootLimit) return;
  for (std::size_t leaf_size = 4096;; leaf_size *= 2) {
    std::vector<Entry> root_entries;
    leaves.clear();
    for (std::size_t i = 0; i < entries.size(); i += leaf_size) {
      const std::vector<Entry> leaf(entries.begin() + static_cast<std::ptrdiff_t>(i),
                                    entries.begin() + static_cast<std::ptrdiff_t>(std::min(entries.size(), i + leaf_size)));
      const std::string bytes = compress(encode_directory(leaf));
      root_entries.push_back({leaf.front().tile_id, leaves.size(), static_cast<std::uint32_t>(bytes.size()), 0});
      leaves += bytes;
    }
    root = compress(encode_directory(root_entries));
    if (kHeaderBytes + root.size() <= kRootLimit) return;
  }
}

void Writer::commit() {
  if (committed_) throw std::logic_error("PMTiles: commit() twice");
  if (entries_.empty()) throw Error("PMTiles: an archive holds at least one tile, and no tile has data");
  std::vector<Entry> entries = entries_;
  if (!clustered_) {
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.tile_id < b.tile_id; });
    for (std::size_t i = 1; i < entries.size(); ++i)
      if (entries[i].tile_id < entries[i - 1].tile_id + entries[i - 1].run_length)
        throw std::logic_error("PMTiles: a tile added twice");
  }
  std::string root, leaves;
  build_directories(entries, root, leaves);
  const std::string metadata = compress(metadata_json(info_));

  const std::uint64_t root_at = kHeaderBytes, metadata_at = root_at + root.size(),
                      leaves_at = metadata_at + metadata.size(), data_at = leaves_at + leaves.size();
  std::string h(kHeaderBytes, '\0');
  std::memcpy(h.data(), "PMTiles", 7);
  put(h, 7, 3, 1);
  put(h, 8, root_at, 8);
  put(h, 16, root.size(), 8);
  put(h, 24, metadata_at, 8);
  put(h, 32, metadata.size(), 8);
  put(h, 40, leaves_at, 8);
  put(h, 48, leaves.size(), 8);
  put(h, 56, data_at, 8);
  put(h, 64, data_bytes_, 8);
  put(h, 72, addressed_, 8);
  put(h, 80, entries.size(), 8);
  put(h, 88, contents_, 8);
  put(h, 96, clustered_ ? 1 : 0, 1);
  put(h, 97, static_cast<std::uint8_t>(options_.internal_compression), 1);
  put(h, 98, static_cast<std::uint8_t>(options_.tile_compression), 1);
  put(h, 99, static_cast<std::uint8_t>(options_.tile_type), 1);
  put(h, 100, static_cast<std::uint64_t>(info_.minzoom), 1);
  put(h, 101, static_cast<std::uint64_t>(info_.maxzoom), 1);
  put(h, 102, e7(info_.bounds.min_x), 4);
  put(h, 106, e7(info_.bounds.min_y), 4);
  put(h, 110, e7(info_.bounds.max_x), 4);
  put(h, 114, e7(info_.bounds.max_y), 4);
  put(h, 118, static_cast<std::uint64_t>(info_.center_zoom), 1);
  put(h, 119, e7(info_.center_lon), 4);
  put(h, 123, e7(info_.center_lat), 4);

  Fd out(partial_, O_WRONLY | O_CREAT | O_TRUNC);
  out.write_at(0, h);
  out.write_at(root_at, root);
  out.write_at(metadata_at, metadata);
  out.write_at(leaves_at, leaves);
  // The tile data, copied from the spool in blocks.
  constexpr std::uint64_t kBlock = 1 << 20;
  for (std::uint64_t at = 0; at < data_bytes_; at += kBlock) {
    const std::size_t n = static_cast<std::size_t>(std::min(kBlock, data_bytes_ - at));
    out.write_at(data_at + at, spool_->read_at(at, n));
  }
  out.close_checked();
  if (std::rename(partial_.c_str(), path_.c_str()) != 0)
    throw Error("cannot rename '" + partial_ + "' to '" + path_ + "': " + std::strerror(errno));
  committed_ = true;
}

}  // namespace geo::pmtiles
