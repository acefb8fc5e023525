// The /coverage JSON writer: JSON text pieces, and exact bytes of a small
// coverage, equal to what nlohmann::json gives for the same document.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/encode/coverage.h"
#include "server/encode/json_text.h"

namespace {

using server::encode::append_json_double;
using server::encode::append_json_string;

std::string str(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string num(double v) {
  std::string out;
  append_json_double(out, v);
  return out;
}

TEST(JsonText, StringsAreEscapedAsNlohmannDoes) {
  const std::vector<std::string> texts = {"Ñuñoa", "O'Higgins", "a\"b\\c", "tab\there\nnew",
                                          std::string("\x01\x1f", 2), std::string("nul\0x", 5), ""};
  for (const std::string& s : texts)
    EXPECT_EQ(str(s), nlohmann::json(s).dump()) << s;
}

TEST(JsonText, DoublesAreShortestWithoutExponent) {
  for (const double v : {0.0, 12.34, 0.45, 8.13, 0.0001, 0.794, 1000000.0, 2599.5, 123456.78})
    EXPECT_EQ(num(v), nlohmann::json(v).dump()) << v;
  EXPECT_EQ(num(0.0), "0.0");
  EXPECT_EQ(num(0.0001), "0.0001");
  EXPECT_EQ(num(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(num(std::numeric_limits<double>::infinity()), "null");
}

TEST(CoverageJson, ExactBytesOfASmallCoverage) {
  layers::Unit region{layers::Level::region, "08", "Biobío", "", 1556805, 0};
  layers::Unit conce{layers::Level::province, "081", "Concepción", "08", 995658, 0};
  layers::Unit arauco{layers::Level::province, "082", "Arauco", "08", 166583, 0};
  layers::StoredInitiative a, b;
  a.initiative.id = "101";
  b.initiative.id = "393";
  layers::Coverage c;
  c.level = layers::Level::province;
  c.division = layers::Division::d2007;
  c.units.push_back({&conce, {&a}, {&b}, 0.0, 3.456});
  c.units.push_back({&arauco, {}, {}});
  c.summary = {2, 1, 1162241, 995658, 0.0567, 2, {&arauco}};
  const std::string expected =
      R"({"division":"2007","level":"province","summary":{"gaps":[{"code":"082","level":"province","name":"Arauco"}],)"
      R"("initiatives":2,"population":1162241,"population_covered":995658,"population_covered_share_of_chile":0.0567,)"
      R"("units":2,"units_covered":1},"units":[{"acting_in":["101"],"acting_on_enclosing":["393"],"code":"081",)"
      R"("covered":true,"level":"province","name":"Concepción","nearest_initiative_km":0.0,"neighbours_per_100k":3.46,)"
      R"("parent_code":"08","per_100k":0.2,"population":995658,)"
      R"("total":2},{"acting_in":[],"acting_on_enclosing":[],"code":"082","covered":false,"level":"province",)"
      R"("name":"Arauco","nearest_initiative_km":null,"neighbours_per_100k":null,"parent_code":"08","per_100k":0.0,)"
      R"("population":166583,"total":0}],)"
      R"("within":{"code":"08","level":"region","name":"Biobío"}})";
  EXPECT_EQ(server::encode::coverage_json(c, &region), expected);
  EXPECT_EQ(nlohmann::json::parse(expected).dump(), expected);  // nlohmann's own key order and number format
  c.units.clear();
  EXPECT_EQ(nlohmann::json::parse(server::encode::coverage_json(c, nullptr))["within"], nullptr);
}

}  // namespace
