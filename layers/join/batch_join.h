#pragma once
// Batch join: any GDAL vector source of points or polygons in, the same
// records out with the commune, province and region (codes and names, both
// divisions) appended. Output format from the extension: .gpkg, .geojson /
// .json, .csv. A record that cannot be joined is still written, with empty
// codes and join_basis saying why (outside_chile, none, invalid_geometry,
// no_geometry), and counted in the report.
#include <cstddef>
#include <map>
#include <string>

#include "layers/model/catalog.h"
#include "layers/store/store.h"

namespace layers {

struct BatchJoinReport {
  std::size_t records = 0;
  std::map<std::string, std::size_t> by_basis;  // join_basis -> records
};

BatchJoinReport batch_join(const Catalog& catalog, const std::string& source, const std::string& output,
                           const Progress& progress = {});

}  // namespace layers
