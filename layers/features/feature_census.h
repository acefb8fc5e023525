#pragma once
// The INE census zone points (Censo 2017) published as a collection:
// static reference data read once from data/census_zones_2017.csv.
#include <cstdint>
#include <string>
#include <vector>

namespace layers {

struct CensusZone {
  std::string zone_code, commune_code;
  double lon = 0, lat = 0;
  std::int64_t population = 0;
};

// Throws DataError naming the file and line on a malformed row.
std::vector<CensusZone> read_census_zones(const std::string& csv_path);

}  // namespace layers
