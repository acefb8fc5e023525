#pragma once
// A PMTiles v3 archive written from tiles in any order: header (127 bytes),
// root directory, JSON metadata, leaf directories when the root would not
// fit in the first 16 KiB, tile data. Equal tiles are stored once (run
// lengths for consecutive ids, shared offsets otherwise). Tile bytes are
// spooled to a side file as they come, so memory holds only the entries.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "geo/pmtiles/directory.h"
#include "geo/tile_package.h"

namespace geo::pmtiles {

// The header's enums, as numbered by the specification.
enum class Compression : std::uint8_t { unknown = 0, none = 1, gzip = 2, brotli = 3, zstd = 4 };
enum class TileType : std::uint8_t { unknown = 0, mvt = 1, png = 2, jpeg = 3, webp = 4, avif = 5 };

inline constexpr std::size_t kHeaderBytes = 127;
// Header and root directory must lie within the first 16 KiB.
inline constexpr std::size_t kRootLimit = 16384;

struct WriterOptions {
  TileType tile_type = TileType::mvt;
  // How the tiles given to add() are compressed (they are stored as given).
  Compression tile_compression = Compression::none;
  // How the directories and JSON metadata are compressed: none or gzip.
  Compression internal_compression = Compression::gzip;
};

class Writer final : public TilePackageWriter {
 public:
  Writer(std::string path, TilePackageInfo info, WriterOptions options = {});
  ~Writer() override;
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void add(const TileId& tile, std::string_view bytes) override;
  // Throws geo::Error when no tile was added (an archive has at least one).
  void commit() override;
  std::size_t tiles() const override { return addressed_; }

 private:
  struct Fd;
  std::string compress(std::string_view bytes) const;
  // A candidate with the same bytes already stored, or nullptr.
  const Entry* stored_copy(std::uint64_t hash, std::string_view bytes);
  void build_directories(std::vector<Entry>& entries, std::string& root, std::string& leaves) const;

  std::string path_, partial_, spool_path_;
  TilePackageInfo info_;
  WriterOptions options_;
  std::unique_ptr<Fd> spool_;
  std::vector<Entry> entries_;
  std::unordered_multimap<std::uint64_t, std::size_t> by_hash_;  // content hash -> index in entries_
  std::uint64_t data_bytes_ = 0;
  std::size_t addressed_ = 0, contents_ = 0;
  bool clustered_ = true;  // ids added in ascending order
  bool committed_ = false;
};

}  // namespace geo::pmtiles
