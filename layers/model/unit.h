#pragma once
// Territorial units (region, province, commune) and the divisions that group
// them. Plain data: geometry lives in the catalog beside the unit.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace layers {

enum class Level { region, province, commune };

// "region" / "province" / "commune".
std::string_view level_name(Level level);
std::optional<Level> parse_level(std::string_view text);
// The level a CUT code denotes by its length: 2 region, 3 province, 5 commune.
std::optional<Level> level_of_code(std::string_view code);

// A version of the hierarchy: "2018" (current, 16 regions) or "2007" (15).
enum class Division { d2018, d2007 };
std::string_view division_name(Division division);
std::optional<Division> parse_division(std::string_view text);
inline constexpr Division kAllDivisions[] = {Division::d2018, Division::d2007};

struct Unit {
  Level level = Level::commune;
  std::string code;         // CUT code in its division (communes keep their 2018 code)
  std::string name;         // official name
  std::string parent_code;  // province of a commune, region of a province, "" for a region
  std::int64_t population = 0;  // Censo 2017, rolled up from communes
  double area_km2 = 0;          // geodesic area of the unit's geometry
};

}  // namespace layers
