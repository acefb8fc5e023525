#include "layers/tiles/tiles_palette.h"

namespace layers {

namespace {
constexpr geo::Rgba kNone{0xe0, 0xe0, 0xe0, 255};
constexpr geo::Rgba kSteps[] = {{0xc7, 0xe9, 0xb4, 255}, {0x7f, 0xcd, 0xbb, 255}, {0x41, 0xb6, 0xc4, 255},
                                {0x1d, 0x91, 0xc0, 255}, {0x0c, 0x2c, 0x84, 255}};
constexpr std::string_view kNames[] = {"initiatives", "per_100k", "covered"};
}  // namespace

std::optional<Measure> parse_measure(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kNames); ++i)
    if (kNames[i] == text) return static_cast<Measure>(i);
  return std::nullopt;
}

std::string_view measure_name(Measure m) { return kNames[static_cast<std::size_t>(m)]; }

const std::vector<std::string>& measure_names() {
  static const std::vector<std::string> names(std::begin(kNames), std::end(kNames));
  return names;
}

const std::vector<ColourClass>& palette(Measure m) {
  static const std::vector<ColourClass> counts = {{0, kNone, "0"},          {1, kSteps[0], "1"},
                                                  {2, kSteps[1], "2"},      {3, kSteps[2], "3-4"},
                                                  {5, kSteps[3], "5-9"},    {10, kSteps[4], "10+"}};
  static const std::vector<ColourClass> rates = {{0, kNone, "0"},           {1e-9, kSteps[0], "under 1"},
                                                 {1, kSteps[1], "1 to 2"},  {2, kSteps[2], "2 to 5"},
                                                 {5, kSteps[3], "5 to 10"}, {10, kSteps[4], "10+"}};
  static const std::vector<ColourClass> covered = {{0, kNone, "not covered"}, {1, kSteps[3], "covered"}};
  switch (m) {
    case Measure::initiatives: return counts;
    case Measure::per_100k: return rates;
    default: return covered;
  }
}

std::size_t class_of(Measure m, const UnitStats& s) {
  const double v = m == Measure::initiatives ? static_cast<double>(s.initiatives)
                   : m == Measure::per_100k  ? s.per_100k
                                             : (s.covered ? 1.0 : 0.0);
  const auto& p = palette(m);
  std::size_t k = 0;
  while (k + 1 < p.size() && v >= p[k + 1].lower) ++k;
  return k;
}

}  // namespace layers
