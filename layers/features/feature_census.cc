#include "layers/features/feature_census.h"

#include <charconv>
#include <cmath>

#include "layers/store/csv_table.h"
#include "layers/errors.h"

namespace layers {
namespace {

template <typename T>
T number(const std::string& text, const std::string& what, std::size_t line) {
  T v{};
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size())
    throw DataError("census zones, line " + std::to_string(line) + ": " + what + " '" + text + "' is not a number");
  return v;
}

}  // namespace

std::vector<CensusZone> read_census_zones(const std::string& csv_path) {
  const CsvTable t = read_csv(csv_path);
  const auto kz = t.column("zone_code"), kc = t.column("commune_code"), kx = t.column("lon"), ky = t.column("lat"),
             kp = t.column("population");
  std::vector<CensusZone> zones;
  zones.reserve(t.rows.size());
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& r = t.rows[i];
    CensusZone z;
    z.zone_code = r[kz];
    z.commune_code = r[kc];
    z.lon = number<double>(r[kx], "lon", i + 2);
    z.lat = number<double>(r[ky], "lat", i + 2);
    z.population = number<std::int64_t>(r[kp], "population", i + 2);
    zones.push_back(std::move(z));
  }
  return zones;
}

}  // namespace layers
