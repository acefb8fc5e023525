#include "layers/model/unit.h"

namespace layers {

std::string_view level_name(Level level) {
  switch (level) {
    case Level::region: return "region";
    case Level::province: return "province";
    case Level::commune: return "commune";
  }
  return "commune";
}

std::optional<Level> parse_level(std::string_view text) {
  if (text == "region") return Level::region;
  if (text == "province") return Level::province;
  if (text == "commune") return Level::commune;
  return std::nullopt;
}

std::optional<Level> level_of_code(std::string_view code) {
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  switch (code.size()) {
    case 2: return Level::region;
    case 3: return Level::province;
    case 5: return Level::commune;
    default: return std::nullopt;
  }
}

std::string_view division_name(Division division) {
  return division == Division::d2018 ? "2018" : "2007";
}

std::optional<Division> parse_division(std::string_view text) {
  if (text == "2018") return Division::d2018;
  if (text == "2007") return Division::d2007;
  return std::nullopt;
}

}  // namespace layers
