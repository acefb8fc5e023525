// The CQL2 text parser and evaluator: every operator, three-valued logic
// with nulls, exact text with CASEI/ACCENTI, type errors, spatial
// functions, syntax errors, and a mutation fuzz that must never crash or hang.
#include <gtest/gtest.h>

#include <random>

#include "geo/geos/geometry.h"
#include "layers/cql2/cql2_eval.h"
#include "layers/cql2/cql2_parser.h"
#include "layers/cql2/text_fold.h"

namespace {

using layers::FieldValue;
namespace cql2 = layers::cql2;

// Fields: 0 name (text), 1 population (integer), 2 area (number), 3 codes (list), 4 note (null).
const std::vector<std::string> kNames = {"name", "population", "area", "codes", "note"};

std::optional<cql2::BoundField> field_of(std::string_view n) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == n)
      return cql2::BoundField{i, n == "codes",
                              n == "population" ? layers::FieldType::integer
                              : n == "area"     ? layers::FieldType::number
                                                : layers::FieldType::string};
  return std::nullopt;
}

bool eval(const std::string& filter, const geo::Geometry* g = nullptr) {
  auto node = cql2::parse(filter);
  cql2::bind(*node, field_of);
  const std::vector<FieldValue> values = {FieldValue{std::string("Ñuñoa")}, FieldValue{std::int64_t{208237}},
                                          FieldValue{16.9}, FieldValue{std::string("05;13")}, FieldValue{}};
  return cql2::matches(*node, values, g);
}

TEST(Cql2, Comparisons) {
  EXPECT_TRUE(eval("population = 208237"));
  EXPECT_TRUE(eval("population <> 1"));
  EXPECT_TRUE(eval("population > 200000 AND population >= 208237"));
  EXPECT_TRUE(eval("population < 300000 AND population <= 208237"));
  EXPECT_FALSE(eval("population < 208237"));
  EXPECT_TRUE(eval("area > 16.5"));
  EXPECT_TRUE(eval("name = 'Ñuñoa'"));
  EXPECT_TRUE(eval("\"name\" = 'Ñuñoa'"));
}

TEST(Cql2, TextIsExactUnlessCaseiOrAccenti) {
  EXPECT_FALSE(eval("name = 'nunoa'"));
  EXPECT_FALSE(eval("name = 'Nunoa'"));
  EXPECT_FALSE(eval("name = 'ÑUÑOA'"));
  EXPECT_TRUE(eval("name <> 'Nunoa'"));
  EXPECT_TRUE(eval("CASEI(name) = casei('ÑUÑOA')"));
  EXPECT_FALSE(eval("CASEI(name) = CASEI('NUNOA')"));
  EXPECT_TRUE(eval("ACCENTI(name) = ACCENTI('Nunoa')"));
  EXPECT_TRUE(eval("ACCENTI(name) = 'Nunoa'"));
  EXPECT_FALSE(eval("ACCENTI(name) = ACCENTI('nunoa')"));
  EXPECT_TRUE(eval("CASEI(ACCENTI(name)) = ACCENTI(CASEI('NUNOA'))"));
  EXPECT_TRUE(eval("ACCENTI(CASEI(name)) = 'nunoa'"));
  EXPECT_FALSE(eval("CASEI(ACCENTI(name)) = 'nunoa x'"));
  // Code point order: 'Z' < 'a' < 'Ñ'.
  EXPECT_TRUE(eval("name > 'Z' AND name > 'nunoa' AND name < 'Ö'"));
  // IN and LIKE follow the same rules.
  EXPECT_FALSE(eval("name IN ('Providencia', 'NUNOA')"));
  EXPECT_TRUE(eval("CASEI(ACCENTI(name)) IN (CASEI('Providencia'), CASEI(ACCENTI('NUÑOA')))"));
  EXPECT_FALSE(eval("name LIKE 'ñu%'"));
  EXPECT_TRUE(eval("CASEI(name) LIKE CASEI('ÑU%')"));
  EXPECT_TRUE(eval("ACCENTI(name) LIKE 'Nu_oa'"));
  // List fields: each element is folded.
  EXPECT_TRUE(eval("CASEI(codes) = '13'"));
}

TEST(Cql2, CaseiAndAccentiFollowUnicode) {
  EXPECT_EQ(cql2::casei("ÑUÑOA Straße ΣΑΣ İ"), "ñuñoa strasse σασ i\xcc\x87");
  EXPECT_EQ(cql2::casei("ǅ"), "ǆ");
  EXPECT_EQ(cql2::accenti("Ñuñoa Bío Bío Aysén ÇÅ ǅ"), "Nunoa Bio Bio Aysen CA ǅ");  // ǅ: a compatibility form only
  // A decomposed accent (e + U+0301) goes too; letters without a
  // decomposition (ø, ł, ß) stay, as in NFD.
  EXPECT_EQ(cql2::accenti("Concepcio\xcc\x81n øłß"), "Concepcion øłß");
  // Bytes that are not UTF-8 pass through.
  EXPECT_EQ(cql2::casei("A\xff"), "a\xff");
}

TEST(Cql2, TypeErrors) {
  for (const char* bad : {"population > 'mucho'", "name = 5", "population = '208237'", "area IN (1.5, 'x')",
                          "population LIKE '2%'", "name BETWEEN 'a' AND 'z'", "CASEI(population) = 'x'",
                          "ACCENTI(3) = 'x'", "name = TRUE", "name = area", "geometry = 'x'"}) {
    auto node = cql2::parse(bad);
    EXPECT_THROW(cql2::bind(*node, field_of), cql2::TypeError) << bad;
  }
  for (const char* good : {"population = 208237.0", "area > 16", "name = note", "population BETWEEN 1 AND 2.5"}) {
    auto node = cql2::parse(good);
    EXPECT_NO_THROW(cql2::bind(*node, field_of)) << good;
  }
}

TEST(Cql2, LogicAndNull) {
  EXPECT_TRUE(eval("population = 1 OR name = 'Ñuñoa'"));
  EXPECT_FALSE(eval("population = 1 AND name = 'Ñuñoa'"));
  EXPECT_TRUE(eval("NOT population = 1"));
  EXPECT_TRUE(eval("NOT (population = 1 OR area < 1)"));
  EXPECT_TRUE(eval("note IS NULL"));
  EXPECT_FALSE(eval("note IS NOT NULL"));
  EXPECT_TRUE(eval("name IS NOT NULL"));
  // A comparison with a null is unknown, and so is its negation.
  EXPECT_FALSE(eval("note = 'x'"));
  EXPECT_FALSE(eval("NOT note = 'x'"));
  EXPECT_TRUE(eval("note = 'x' OR TRUE"));
  EXPECT_FALSE(eval("FALSE"));
}

TEST(Cql2, LikeBetweenIn) {
  EXPECT_TRUE(eval("name LIKE 'Ñu%'"));
  EXPECT_TRUE(eval("name LIKE 'Ñu_oa'"));
  EXPECT_TRUE(eval("name LIKE '%oa'"));
  EXPECT_FALSE(eval("name LIKE '%OA'"));
  EXPECT_FALSE(eval("name LIKE 'x%'"));
  EXPECT_TRUE(eval("name NOT LIKE 'x%'"));
  EXPECT_TRUE(eval("population BETWEEN 200000 AND 210000"));
  EXPECT_FALSE(eval("population NOT BETWEEN 200000 AND 210000"));
  EXPECT_TRUE(eval("population IN (1, 208237, 3)"));
  EXPECT_TRUE(eval("name IN ('Providencia', 'Ñuñoa')"));
  EXPECT_TRUE(eval("name NOT IN ('Providencia')"));
  // List fields: equality and IN match any element.
  EXPECT_TRUE(eval("codes = '13'"));
  EXPECT_TRUE(eval("codes IN ('08', '05')"));
  EXPECT_FALSE(eval("codes = '0'"));
  EXPECT_FALSE(eval("codes <> '05'"));
}

TEST(Cql2, LikeMatcher) {
  EXPECT_TRUE(cql2::like_match("abc", "a%c"));
  EXPECT_TRUE(cql2::like_match("abc", "%%%"));
  EXPECT_TRUE(cql2::like_match("a%c", "a\\%c"));
  EXPECT_FALSE(cql2::like_match("abc", "a\\%c"));
  EXPECT_TRUE(cql2::like_match("", "%"));
  EXPECT_FALSE(cql2::like_match("", "_"));
}

TEST(Cql2, SpatialFunctions) {
  const auto square = geo::Geometry::from_wkt("POLYGON((0 0,10 0,10 10,0 10,0 0))");
  EXPECT_TRUE(eval("S_INTERSECTS(geometry, POINT(5 5))", &square));
  EXPECT_FALSE(eval("S_INTERSECTS(geometry, POINT(15 5))", &square));
  EXPECT_TRUE(eval("S_WITHIN(geometry, POLYGON((-1 -1,11 -1,11 11,-1 11,-1 -1)))", &square));
  EXPECT_FALSE(eval("S_WITHIN(geometry, BBOX(0,0,5,5))", &square));
  EXPECT_TRUE(eval("S_CONTAINS(geometry, MULTIPOINT((1 1),(2 2)))", &square));
  EXPECT_TRUE(eval("S_DISJOINT(geometry, LINESTRING(20 20, 30 30))", &square));
  EXPECT_TRUE(eval("S_INTERSECTS(geometry, BBOX(9,9,20,20)) AND population > 1", &square));
  // No geometry: unknown.
  EXPECT_FALSE(eval("S_INTERSECTS(geometry, POINT(5 5))", nullptr));
}

TEST(Cql2, SyntaxErrors) {
  for (const char* bad : {"", "population", "population =", "= 5", "name = 'open", "(population = 1",
                          "population = 1)", "population IN ()", "population BETWEEN 1", "name LIKE",
                          "note IS", "S_INTERSECTS(geometry)", "S_INTERSECTS(geometry, POINT(1))",
                          "S_INTERSECTS(geometry, POINT(1 2)", "foo(1) = 2", "population = 1 AND",
                          "UPPER(name) = 'X'", "LOWER(name) = 'x'", "CASEI(name, name) = 'x'", "CASEI() = 'x'",
                          "CASEI(POINT(1 2)) = 'x'", "name = '\xff'", "POINT(1 2) = 3", "population = 1e999", "BBOX(1,2,3) = 1", "NOT", "population = --1"}) {
    EXPECT_THROW(cql2::parse(bad), cql2::SyntaxError) << bad;
  }
  std::string deep(200, '(');
  EXPECT_THROW(cql2::parse(deep + "population = 1" + std::string(200, ')')), cql2::SyntaxError);
  EXPECT_THROW(cql2::parse(std::string(cql2::kMaxFilterLength + 1, ' ')), cql2::SyntaxError);
}

TEST(Cql2, UnknownPropertiesAreRefused) {
  auto node = cql2::parse("nombre = 'x'");
  EXPECT_THROW(cql2::bind(*node, field_of), cql2::UnknownProperty);
  auto spatial = cql2::parse("S_INTERSECTS(name, POINT(1 2))");
  EXPECT_THROW(cql2::bind(*spatial, field_of), cql2::UnknownProperty);
}

// Random mutations of valid filters: each either parses and evaluates or
// throws SyntaxError/UnknownProperty; nothing else, never a crash.
TEST(Cql2, MutationFuzz) {
  const std::vector<std::string> seeds = {
      "population > 5 AND (name LIKE 'a%' OR NOT codes IN ('05','13'))",
      "S_INTERSECTS(geometry, POLYGON((0 0,1 0,1 1,0 1,0 0))) OR area BETWEEN 1.5 AND 2e3",
      "note IS NOT NULL AND CASEI(name) <> 'x''y'",
      "S_WITHIN(geometry, BBOX(-75,-56,-66,-17))"};
  const std::string alphabet = "()'\",.=<>%_ -+eE0123456789aZ\\\xc3\xb1";
  std::mt19937 rng(12345);
  const auto square = geo::Geometry::from_wkt("POLYGON((0 0,10 0,10 10,0 10,0 0))");
  const std::vector<FieldValue> values = {FieldValue{std::string("a")}, FieldValue{std::int64_t{7}}, FieldValue{1.5},
                                          FieldValue{std::string("05")}, FieldValue{}};
  std::size_t parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const std::size_t pos = rng() % s.size();
      switch (rng() % 3) {
        case 0: s.erase(pos, 1 + rng() % 3); break;
        case 1: s.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
        default: s[pos] = alphabet[rng() % alphabet.size()];
      }
    }
    try {
      auto n = cql2::parse(s);
      cql2::bind(*n, field_of);
      cql2::matches(*n, values, &square);
      ++parsed;
    } catch (const cql2::SyntaxError&) {
    } catch (const cql2::UnknownProperty&) {
    } catch (const cql2::TypeError&) {
    }
  }
  EXPECT_GT(parsed, 0u);
}

}  // namespace
