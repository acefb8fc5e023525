#pragma once
// Downloads of selected features written by GDAL drivers to a file: CSV
// (geometry as WKT, with GDAL's companions: .csvt the column types, .prj
// the CRS), GeoPackage and FlatGeobuf, in any CRS we serve, with typed
// columns (text, 64-bit integers, reals, booleans). The features go one by
// one from the snapshot to the driver, so memory stays that of the driver
// whatever their number. GDAL 3.6's FlatGeobuf writer drops features
// without geometry (initiatives without a location).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "layers/features/collections.h"
#include "layers/features/feature_crs.h"

namespace layers {

enum class ExportFormat { csv, gpkg, fgb };

// ".csv", ".gpkg", ".fgb".
std::string_view export_extension(ExportFormat format);

// Whether a download in this format holds the feature (FlatGeobuf: only
// with a geometry).
bool exported(const PublishedFeature& f, ExportFormat format);

// Writes the features to path, a new file in an existing directory (the
// CSV companions land next to it, named alike: the .csvt line of column
// types, e.g. WKT,String,Integer64,Real,Integer(Boolean), and the .prj in
// WKT 1 with its EPSG authority; with no features, only they matter). fields: indexes of the
// properties to write, in order; the id is always written first.
// Returns how many features the file holds. Throws geo::GdalError.
std::size_t export_features(const Collection& c, const std::vector<const PublishedFeature*>& features,
                            const std::vector<std::size_t>& fields, ExportFormat format, const Crs& crs,
                            const std::string& path);

}  // namespace layers
