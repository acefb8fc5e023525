#include "geo/sqlite/mbtiles_writer.h"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "geo/error.h"
#include "geo/gzip.h"

namespace geo {

namespace {

// Degrees as metadata text: enough digits for a metre, no trailing noise.
std::string degrees(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  std::string s = buf;
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

}  // namespace

MbtilesWriter::MbtilesWriter(std::string path, const TilePackageInfo& info, Format format)
    : path_(std::move(path)), partial_(partial_path(path_)), format_(format) {
  ::unlink(partial_.c_str());
  db_ = std::make_unique<Database>(partial_, Database::Mode::read_write_create, Database::Extensions::none);
  // One writer, a file nobody reads before the rename: no journal needed
  // (a crash leaves only the partial file, which the next run replaces).
  db_->exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096;");
  db_->exec(
      "CREATE TABLE metadata (name TEXT NOT NULL, value TEXT);"
      "CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL, tile_row INTEGER NOT NULL,"
      " tile_data BLOB NOT NULL);");
  tx_ = std::make_unique<Transaction>(*db_);
  auto meta = db_->prepare("INSERT INTO metadata (name, value) VALUES (?, ?)");
  auto put = [&](const char* name, const std::string& value) {
    meta.bind(1, std::string_view(name)).bind(2, value).run();
  };
  put("name", info.name);
  put("format", format == Format::pbf ? "pbf" : "png");
  put("type", "overlay");
  put("version", info.version);
  put("description", info.description);
  put("attribution", info.attribution);
  put("minzoom", std::to_string(info.minzoom));
  put("maxzoom", std::to_string(info.maxzoom));
  put("bounds", degrees(info.bounds.min_x) + "," + degrees(info.bounds.min_y) + "," + degrees(info.bounds.max_x) + "," +
                    degrees(info.bounds.max_y));
  put("center", degrees(info.center_lon) + "," + degrees(info.center_lat) + "," + std::to_string(info.center_zoom));
  put("json", "{\"vector_layers\":" + info.vector_layers_json + "}");
}

MbtilesWriter::~MbtilesWriter() {
  tx_.reset();
  db_.reset();
  if (!committed_) ::unlink(partial_.c_str());
}

void MbtilesWriter::add(const TileId& tile, std::string_view bytes) {
  auto insert = db_->prepare_cached(
      "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)");
  const std::int64_t rows = std::int64_t{1} << tile.z;
  insert.bind(1, std::int64_t{tile.z})
      .bind(2, std::int64_t{tile.x})
      .bind(3, rows - 1 - std::int64_t{tile.y})  // TMS: row 0 is the southernmost
      .bind_blob(4, format_ == Format::pbf ? gzip_compress(bytes) : std::string(bytes))
      .run();
  ++tiles_;
}

void MbtilesWriter::commit() {
  if (committed_) throw std::logic_error("MBTiles: commit() twice");
  // The index the specification names (and readers look tiles up by); it
  // also refuses a tile given twice.
  db_->exec("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");
  tx_->commit();
  tx_.reset();
  db_->exec("PRAGMA journal_mode = DELETE");
  db_.reset();
  // The data on disk before the name points at it.
  if (FILE* f = std::fopen(partial_.c_str(), "r+b")) {
    const int rc = ::fsync(fileno(f));
    std::fclose(f);
    if (rc != 0) throw Error("cannot sync '" + partial_ + "': " + std::strerror(errno));
  }
  if (std::rename(partial_.c_str(), path_.c_str()) != 0)
    throw Error("cannot rename '" + partial_ + "' to '" + path_ + "': " + std::strerror(errno));
  committed_ = true;
}

}  // namespace geo
