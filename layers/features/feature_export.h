#pragma once
// Downloads of selected features written by GDAL drivers into memory:
// CSV (geometry as WKT), GeoPackage and FlatGeobuf, in CRS84 (lon/lat),
// with the collection's schema (booleans as integers 0/1). GDAL's
// FlatGeobuf writer drops features without geometry (Antártica's commune).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "layers/features/collections.h"

namespace layers {

enum class ExportFormat { csv, gpkg, fgb };

// The file's bytes. fields: indexes of the properties to write, in order.
std::string export_features(const Collection& c, const std::vector<const PublishedFeature*>& features,
                            const std::vector<std::size_t>& fields, ExportFormat format);

}  // namespace layers
