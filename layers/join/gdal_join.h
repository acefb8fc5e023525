#pragma once
// The batch join through GDAL's generic reading and writing: any vector
// source, records one at a time into a new dataset. The reference path of
// batch_join.h, and what the streaming CSV join hands the records it cannot
// write itself (one at a time, in /vsimem/).
#include <string>
#include <vector>

#include "layers/join/batch_join.h"
#include "layers/model/catalog.h"

namespace layers {

// GDAL's open options for a CSV source: coordinates from lon/lat columns
// (kept as fields) or a WKT column, every other field a string.
const std::vector<std::string>& csv_open_options();

// Joins source into a new dataset at path (driver from path's extension,
// .gpkg, .geojson/.json or .csv; layer named layer_name). The caller removes
// path on failure.
BatchJoinReport gdal_join(const Catalog& catalog, const std::string& source, const std::string& path,
                          const std::string& layer_name, const JoinProgress& progress = {});

// DataError unless output has a known extension.
void check_output_format(const std::string& output);

}  // namespace layers
