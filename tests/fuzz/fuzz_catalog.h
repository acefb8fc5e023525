#pragma once
// A catalog of two square communes near Santiago (one province, one region,
// both divisions), built once per fuzzing process: the upload fuzzers join
// against it without reading a store.
#include <memory>
#include <string>
#include <vector>

#include "geo/geos/geometry.h"
#include "layers/model/catalog.h"

namespace fuzz {

inline const layers::Catalog& small_catalog() {
  static const layers::Catalog catalog = [] {
    auto square = [](double x0, double y0) {
      const std::string wkt = "MULTIPOLYGON(((" + std::to_string(x0) + " " + std::to_string(y0) + "," +
                              std::to_string(x0 + 0.1) + " " + std::to_string(y0) + "," + std::to_string(x0 + 0.1) +
                              " " + std::to_string(y0 + 0.1) + "," + std::to_string(x0) + " " +
                              std::to_string(y0 + 0.1) + "," + std::to_string(x0) + " " + std::to_string(y0) + ")))";
      return std::make_shared<const geo::Geometry>(geo::Geometry::from_wkt(wkt));
    };
    std::vector<layers::UnitRecord> records;
    for (layers::Division d : layers::kAllDivisions) {
      records.push_back({d, {layers::Level::region, "13", "Metropolitana", "", 0, 0}, "", nullptr});
      records.push_back({d, {layers::Level::province, "131", "Santiago", "13", 0, 0}, "", nullptr});
      records.push_back({d, {layers::Level::commune, "13101", "Santiago", "131", 0, 0}, "", square(-70.7, -33.5)});
      records.push_back({d, {layers::Level::commune, "13102", "Cerrillos", "131", 0, 0}, "", square(-70.6, -33.5)});
    }
    return layers::Catalog(std::move(records));
  }();
  return catalog;
}

}  // namespace fuzz
