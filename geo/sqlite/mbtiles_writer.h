#pragma once
// An MBTiles 1.3 file (SQLite): the `metadata` table (name, format,
// bounds, center, minzoom, maxzoom, attribution, description, version,
// type, json with the vector_layers) and the `tiles` table, rows in TMS
// order (tile_row counted from the south). Vector tiles are given as a tile
// server sends them (uncompressed MVT) and stored gzipped, as the
// specification's "pbf" is and as QGIS requires; PNG tiles as given.
#include <memory>
#include <string>

#include "geo/sqlite/sqlite_db.h"
#include "geo/tile_package.h"

namespace geo {

class MbtilesWriter final : public TilePackageWriter {
 public:
  enum class Format { pbf, png };
  MbtilesWriter(std::string path, const TilePackageInfo& info, Format format = Format::pbf);
  ~MbtilesWriter() override;
  MbtilesWriter(const MbtilesWriter&) = delete;
  MbtilesWriter& operator=(const MbtilesWriter&) = delete;

  void add(const TileId& tile, std::string_view bytes) override;
  void commit() override;
  std::size_t tiles() const override { return tiles_; }

 private:
  std::string path_, partial_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Transaction> tx_;
  Format format_;
  std::size_t tiles_ = 0;
  bool committed_ = false;
};

}  // namespace geo
