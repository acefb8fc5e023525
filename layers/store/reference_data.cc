#include "layers/store/reference_data.h"

#include <charconv>
#include <unordered_map>

#include "layers/store/csv_table.h"
#include "layers/errors.h"

namespace layers {

std::vector<CommuneRow> read_reference_data(const std::string& data_dir) {
  const CsvTable codes = read_csv(data_dir + "/territorial_codes.csv");
  const CsvTable d2007 = read_csv(data_dir + "/division_2007.csv");
  const CsvTable pop = read_csv(data_dir + "/population_2017.csv");

  std::unordered_map<std::string, const std::vector<std::string>*> by_code_2007;
  const std::size_t k07 = d2007.column("commune_code");
  for (const auto& r : d2007.rows) by_code_2007[r[k07]] = &r;
  std::unordered_map<std::string, std::int64_t> population;
  const std::size_t kp = pop.column("commune_code"), vp = pop.column("population");
  for (const auto& r : pop.rows) {
    std::int64_t v = 0;
    const auto res = std::from_chars(r[vp].data(), r[vp].data() + r[vp].size(), v);
    if (res.ec != std::errc() || v < 0) throw DataError(pop.path + ": bad population for " + r[kp]);
    population[r[kp]] = v;
  }

  std::vector<CommuneRow> out;
  const std::size_t cr = codes.column("region_code"), crn = codes.column("region_name"),
                    cp = codes.column("province_code"), cpn = codes.column("province_name"),
                    cc = codes.column("commune_code"), ccn = codes.column("commune_name");
  for (const auto& r : codes.rows) {
    CommuneRow row;
    row.commune_code = r[cc];
    row.commune_name = r[ccn];
    row.province_code = r[cp];
    row.province_name = r[cpn];
    row.region_code = r[cr];
    row.region_name = r[crn];
    auto it = by_code_2007.find(row.commune_code);
    if (it == by_code_2007.end()) throw DataError(d2007.path + ": no row for commune " + row.commune_code);
    const auto& o = *it->second;
    row.commune_code_2007 = o[d2007.column("commune_code_2007")];
    row.province_code_2007 = o[d2007.column("province_code_2007")];
    row.province_name_2007 = o[d2007.column("province_name_2007")];
    row.region_code_2007 = o[d2007.column("region_code_2007")];
    row.region_name_2007 = o[d2007.column("region_name_2007")];
    auto p = population.find(row.commune_code);
    if (p == population.end()) throw DataError(pop.path + ": no population for commune " + row.commune_code);
    row.population = p->second;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace layers
