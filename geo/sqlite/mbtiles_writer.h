#pragma once
// An MBTiles 1.3 file (SQLite): the `metadata` table (name, format,
// bounds, center, minzoom, maxzoom, attribution, description, version,
// type, json with the vector_layers) and the `tiles` table, rows in TMS
// order (tile_row counted from the south). Tiles are stored as given: the
// bytes a tile server sends, uncompressed MVT for "pbf".
#include <memory>
#include <string>

#include "geo/sqlite/sqlite_db.h"
#include "geo/tile_package.h"

namespace geo {

class MbtilesWriter final : public TilePackageWriter {
 public:
  // format: the metadata's format ("pbf" for vector tiles, "png").
  MbtilesWriter(std::string path, const TilePackageInfo& info, std::string format = "pbf");
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
  std::size_t tiles_ = 0;
  bool committed_ = false;
};

}  // namespace geo
