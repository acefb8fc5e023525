#pragma once
// The bundled reference tables (data/*.csv): the commune -> province -> region
// hierarchy of both divisions and the Censo 2017 population per commune.
#include <cstdint>
#include <string>
#include <vector>

namespace layers {

struct CommuneRow {
  std::string commune_code;  // 2018 code
  std::string commune_name;
  std::string province_code, province_name;  // 2018
  std::string region_code, region_name;      // 2018
  std::string commune_code_2007;
  std::string province_code_2007, province_name_2007;
  std::string region_code_2007, region_name_2007;
  std::int64_t population = 0;
};

// Reads territorial_codes.csv, division_2007.csv and population_2017.csv from
// data_dir; throws DataError naming the file and row on any inconsistency.
std::vector<CommuneRow> read_reference_data(const std::string& data_dir);

}  // namespace layers
