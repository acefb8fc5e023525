#pragma once
// Builds the unit records of both divisions: communes from a boundary
// source, provinces and regions by dissolving their communes per division,
// so every level nests exactly. Population rolls up from communes.
#include <string>
#include <vector>

#include "layers/model/catalog.h"
#include "layers/store/reference_data.h"
#include "layers/store/store.h"

namespace layers {

// boundaries_path: any GDAL vector source with a `commune_code` field and
// lon/lat polygons (the bundled data/communes_hires.gpkg).
std::vector<UnitRecord> build_units(const std::vector<CommuneRow>& rows, const std::string& boundaries_path,
                                    const Progress& progress = {});

}  // namespace layers
