#pragma once
// Batch join: any GDAL vector source of points or polygons in, the same
// records out with the commune, province and region (codes and names, both
// divisions) appended. Output format from the extension: .gpkg, .geojson /
// .json, .csv. A record that cannot be joined is still written, with empty
// codes and join_basis saying why (outside_chile, none, invalid_geometry,
// no_geometry), and counted in the report.
//
// A CSV source written to a CSV output goes through a streaming reader and
// writer (csv_stream_join.h) that joins batches of records on every core and
// writes exactly the bytes GDAL's CSV driver would; every other pair, and a
// CSV that reader does not take, goes through GDAL (gdal_join.h).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "layers/model/catalog.h"

namespace layers {

struct BatchJoinReport {
  std::size_t records = 0;
  std::map<std::string, std::size_t> by_basis;  // join_basis -> records
  // Malformed records (line named) and what the streaming reader left to
  // GDAL; at most a few, then a count.
  std::vector<std::string> notes;
  std::string reader = "gdal";  // "csv" (streaming) or "gdal"
};

// Progress of a file join: records written, and how far through the source
// (done of total, in bytes for the streaming reader, records for GDAL).
using JoinProgress = std::function<void(std::size_t records, std::uint64_t done, std::uint64_t total)>;

enum class JoinReader { automatic, gdal };

struct BatchJoinOptions {
  JoinReader reader = JoinReader::automatic;  // gdal: GDAL even for CSV (the reference the tests compare with)
  unsigned threads = 0;                       // streaming reader's join threads; 0: one per core
  JoinProgress progress;
};

BatchJoinReport batch_join(const Catalog& catalog, const std::string& source, const std::string& output,
                           const BatchJoinOptions& options = {});

}  // namespace layers
