#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "layers/join/gazetteer.h"
#include "layers/model/text_normalize.h"

#ifndef TERRITORIO_DATA_DIR
#error "TERRITORIO_DATA_DIR must be defined as the path of the data directory"
#endif

namespace layers {
namespace {

using Row = std::vector<std::string>;

// One CSV record. Fields may be double-quoted, with "" for a quote inside;
// the reference files have no line breaks inside fields.
Row parse_csv_line(std::string_view line) {
  Row fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

// Data rows of a CSV file (header skipped, CRLF tolerated: division_2007.csv uses it).
std::vector<Row> read_csv(const std::string& file, std::size_t columns) {
  std::ifstream in(std::string(TERRITORIO_DATA_DIR) + "/" + file);
  EXPECT_TRUE(in) << "cannot open " << file;
  std::vector<Row> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    Row row = parse_csv_line(line);
    EXPECT_EQ(row.size(), columns) << file << ": " << line;
    if (row.size() != columns) continue;
    if (!header) rows.push_back(std::move(row));
    header = false;
  }
  return rows;
}

// Official names of both divisions, one entry per CSV row and level: the
// repeats (a region on every commune row) are left for the Gazetteer to drop.
std::vector<GazetteerEntry> load_entries() {
  std::vector<GazetteerEntry> entries;
  std::map<std::string, std::string> commune_names;
  for (const Row& r : read_csv("territorial_codes.csv", 6)) {
    entries.push_back({Level::region, r[0], r[1], Division::d2018});
    entries.push_back({Level::province, r[2], r[3], Division::d2018});
    entries.push_back({Level::commune, r[4], r[5], Division::d2018});
    commune_names[r[4]] = r[5];
  }
  // Communes keep their 2018 code in the 2007 division of the catalogue.
  for (const Row& r : read_csv("division_2007.csv", 6)) {
    entries.push_back({Level::region, r[4], r[5], Division::d2007});
    entries.push_back({Level::province, r[2], r[3], Division::d2007});
    entries.push_back({Level::commune, r[0], commune_names.at(r[0]), Division::d2007});
  }
  return entries;
}

const Gazetteer& gazetteer() {
  static const Gazetteer g(load_entries());
  return g;
}

// "commune 05703 2018": readable in failure messages.
std::string describe(const GazetteerEntry& e) {
  return std::string(level_name(e.level)) + " " + e.code + " " + std::string(division_name(e.division));
}

std::vector<std::string> describe(const std::vector<Gazetteer::Match>& matches) {
  std::vector<std::string> out;
  for (const Gazetteer::Match& m : matches) out.push_back(describe(*m.entry));
  return out;
}

using Names = std::vector<std::string>;

// --- normalize_name / name_tokens -------------------------------------------

TEST(TextNormalize, FoldsAccentsCaseAndSeparators) {
  EXPECT_EQ(normalize_name("Bío Bío"), "biobio");
  EXPECT_EQ(normalize_name("Bio-Bio"), "biobio");
  EXPECT_EQ(normalize_name("Biobío"), "biobio");
  EXPECT_EQ(normalize_name("BÍO-BÍO"), "biobio");
  EXPECT_EQ(normalize_name("O'Higgins"), "ohiggins");
  EXPECT_EQ(normalize_name("O’Higgins"), "ohiggins");
  EXPECT_EQ(normalize_name("Llay-Llay"), "llayllay");
  EXPECT_EQ(normalize_name("  Ñuñoa\t"), "nunoa");
  EXPECT_EQ(normalize_name("Marchigüe"), "marchigue");
  EXPECT_EQ(normalize_name("Aysén del Gral. Carlos Ibáñez (del Campo)"), "aysendelgralcarlosibanezdelcampo");
  EXPECT_EQ(normalize_name("Arica/Parinacota, XV"), "aricaparinacotaxv");
  EXPECT_EQ(normalize_name("ÀÈÌÒÙ àèìòù Çç ÂÊÎÔÛ ÄËÏÖÜ ÃÕ Ýÿ"), "aeiouaeiouccaeiouaeiouaoyy");
  EXPECT_EQ(normalize_name("Straße Æsir Øre"), "strasseaesirore");
  EXPECT_EQ(normalize_name("«Peñalolén» — ¿Maipú?"), "penalolenmaipu");
  EXPECT_EQ(normalize_name("San\u00a0Pedro"), "sanpedro");  // no-break space
  EXPECT_EQ(normalize_name("13101"), "13101");
}

TEST(TextNormalize, FoldsLatinExtendedAndDecomposedAccents) {
  EXPECT_EQ(normalize_name("Łódź"), "lodz");
  EXPECT_EQ(normalize_name("Čučković Őr Šž"), "cuckovicorsz");
  EXPECT_EQ(normalize_name("Œuvre ĳs ſ"), "oeuvreijss");
  EXPECT_EQ(normalize_name("Bi\u0301o Bi\u0301o"), "biobio");  // NFD: i + combining acute
  EXPECT_EQ(normalize_name("N\u0303uble"), "nuble");
  EXPECT_EQ(normalize_name("Val\u00adpa\u200Braíso"), "valparaiso");  // soft hyphen, zero-width space
  EXPECT_EQ(normalize_name("Αθήνα"), "Αθήνα");                       // kept, not dropped
}

TEST(TextNormalize, DropsInvalidUtf8) {
  EXPECT_EQ(normalize_name("\xff\xfe"
                           "Bio\xc3"),
            "bio");                                           // stray bytes, truncated sequence
  EXPECT_EQ(normalize_name("B\xedo"), "bo");                  // Latin-1 byte is not UTF-8
  EXPECT_EQ(normalize_name("a\xc0\xaf"
                           "b"),
            "ab");                                            // overlong '/'
  EXPECT_EQ(normalize_name("a\xed\xa0\x80"
                           "b"),
            "ab");                                            // surrogate
  EXPECT_EQ(normalize_name("a\xf4\x90\x80\x80"
                           "b"),
            "ab");                                            // beyond U+10FFFF
  EXPECT_EQ(normalize_name("\x80\x80\x80"), "");
  EXPECT_EQ(normalize_name(std::string_view("a\0b", 3)), "ab");  // NUL is a separator
  EXPECT_EQ(normalize_name(""), "");
}

TEST(TextNormalize, TokensConcatenateToTheNormalizedName) {
  EXPECT_EQ(name_tokens("Libertador General Bernardo O'Higgins"),
            (Names{"libertador", "general", "bernardo", "o", "higgins"}));
  EXPECT_EQ(name_tokens(" -- San  Pedro de la Paz. "), (Names{"san", "pedro", "de", "la", "paz"}));
  EXPECT_EQ(name_tokens("Bi\u0301o"), (Names{"bio"}));
  EXPECT_TRUE(name_tokens(" \t-.,'()/ ").empty());
  for (std::string_view s : {"Aysén del General Carlos Ibáñez del Campo", "Llay-Llay", "x\xff y"}) {
    std::string joined;
    for (const std::string& t : name_tokens(s)) joined += t;
    EXPECT_EQ(joined, normalize_name(s)) << s;
  }
}

// --- construction -------------------------------------------------------------

TEST(Gazetteer, KeepsOneEntryPerUnitAndDivision) {
  std::map<std::pair<Division, Level>, int> counts;
  for (const GazetteerEntry& e : gazetteer().entries()) ++counts[{e.division, e.level}];
  const auto count = [&](Division d, Level l) { return counts[{d, l}]; };
  EXPECT_EQ(count(Division::d2018, Level::region), 16);
  EXPECT_EQ(count(Division::d2018, Level::province), 56);
  EXPECT_EQ(count(Division::d2018, Level::commune), 346);
  EXPECT_EQ(count(Division::d2007, Level::region), 15);
  EXPECT_EQ(count(Division::d2007, Level::province), 54);
  EXPECT_EQ(count(Division::d2007, Level::commune), 346);
  const auto in_2018 = std::count_if(gazetteer().entries().begin(), gazetteer().entries().end(),
                                     [](const GazetteerEntry& e) { return e.division == Division::d2018; });
  EXPECT_EQ(in_2018, 16 + 56 + 346);
}

TEST(Gazetteer, EveryOfficialNameResolvesToItsUnit) {
  for (const GazetteerEntry& e : gazetteer().entries()) {
    const Gazetteer::Resolved r = gazetteer().resolve(e.name, e.level, e.division);
    ASSERT_EQ(r.status, Gazetteer::Resolution::found) << describe(e) << " " << e.name;
    EXPECT_EQ(r.entry, &e);
    EXPECT_FALSE(r.candidates.front().via_alias);
    EXPECT_EQ(r.candidates.front().matched_name, e.name);
  }
}

TEST(Gazetteer, EmptyCatalogueFindsNothing) {
  const Gazetteer empty({});
  EXPECT_TRUE(empty.find("Biobío").empty());
  EXPECT_TRUE(empty.search("bio", 5).empty());
  EXPECT_EQ(empty.resolve("Biobío", {}, Division::d2018).status, Gazetteer::Resolution::not_found);
}

// --- find / resolve -------------------------------------------------------------

TEST(Gazetteer, FindsBiobioRegionInBothDivisions) {
  const Names region_08{"region 08 2018", "region 08 2007"};
  EXPECT_EQ(describe(gazetteer().find("Biobio", Level::region)), region_08);
  EXPECT_EQ(describe(gazetteer().find("Bío Bío", Level::region)), region_08);
  EXPECT_EQ(describe(gazetteer().find("Región del Biobío")), region_08);
  EXPECT_EQ(describe(gazetteer().find("REGION DEL BIO-BIO", {}, Division::d2007)), Names{"region 08 2007"});
  // Without a level, the province of the same name matches too.
  EXPECT_EQ(describe(gazetteer().find("Bío Bío", {}, Division::d2018)),
            (Names{"region 08 2018", "province 083 2018"}));
}

TEST(Gazetteer, FindsLlayLlayByItsCommonSpelling) {
  for (std::string_view name : {"Llay-Llay", "llay llay", "LLAY LLAY", "Comuna de Llay-Llay"}) {
    const auto matches = gazetteer().find(name);
    EXPECT_EQ(describe(matches), (Names{"commune 05703 2018", "commune 05703 2007"})) << name;
    for (const auto& m : matches) {
      EXPECT_TRUE(m.via_alias);
      EXPECT_EQ(m.matched_name, "Llay-Llay");
      EXPECT_EQ(m.entry->name, "Llaillay");
    }
  }
  const auto official = gazetteer().find("Llaillay", {}, Division::d2018);
  ASSERT_EQ(official.size(), 1u);
  EXPECT_FALSE(official[0].via_alias);
}

TEST(Gazetteer, FindsCommuneAliases) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"Puerto Natales", "12401"}, {"La Calera", "05502"},       {"Paiguano", "04105"},
      {"Marchihue", "06204"},      {"Padre las Casas", "09112"}, {"Puerto Aysén", "11201"},
      {"Calera", "05502"},         {"Natales", "12401"},         {"Comuna de La Calera", "05502"},
  };
  for (const auto& [name, code] : cases) {
    const auto r = gazetteer().resolve(name, {}, Division::d2018);
    ASSERT_EQ(r.status, Gazetteer::Resolution::found) << name;
    EXPECT_EQ(r.entry->code, code) << name;
    EXPECT_EQ(r.entry->level, Level::commune) << name;
  }
}

TEST(Gazetteer, SpellingVariantsAreAsAmbiguousAsTheOfficialName) {
  EXPECT_EQ(describe(gazetteer().find("Coihaique", {}, Division::d2018)),
            describe(gazetteer().find("Coyhaique", {}, Division::d2018)));
  EXPECT_EQ(describe(gazetteer().find("Rapa Nui", {}, Division::d2018)),
            (Names{"province 052 2018", "commune 05201 2018"}));
  EXPECT_EQ(describe(gazetteer().find("Isla de Pascua", {}, Division::d2018)),
            (Names{"province 052 2018", "commune 05201 2018"}));
  EXPECT_EQ(describe(gazetteer().find("Arica", {}, Division::d2018)),
            (Names{"province 151 2018", "commune 15101 2018"}));
  EXPECT_EQ(describe(gazetteer().find("Santiago", {}, Division::d2018)),
            (Names{"province 131 2018", "commune 13101 2018"}));
}

TEST(Gazetteer, ValparaisoIsAmbiguousUntilALevelIsGiven) {
  const auto r = gazetteer().resolve("Valparaíso", {}, Division::d2018);
  EXPECT_EQ(r.status, Gazetteer::Resolution::ambiguous);
  EXPECT_EQ(r.entry, nullptr);
  EXPECT_EQ(describe(r.candidates), (Names{"region 05 2018", "province 051 2018", "commune 05101 2018"}));

  const auto commune = gazetteer().resolve("valparaiso", Level::commune, Division::d2018);
  ASSERT_EQ(commune.status, Gazetteer::Resolution::found);
  EXPECT_EQ(commune.entry->code, "05101");
  EXPECT_EQ(commune.candidates.size(), 1u);
}

TEST(Gazetteer, AysenIsAmbiguousWithoutALevel) {
  EXPECT_EQ(describe(gazetteer().find("Aysén")),
            (Names{"region 11 2018", "region 11 2007", "province 112 2018", "province 112 2007",
                   "commune 11201 2018", "commune 11201 2007"}));
  EXPECT_EQ(gazetteer().resolve("Aysén", {}, Division::d2018).status, Gazetteer::Resolution::ambiguous);
  EXPECT_EQ(gazetteer().resolve("Aisén", {}, Division::d2018).status, Gazetteer::Resolution::ambiguous);

  const auto region = gazetteer().resolve("Aysén", Level::region, Division::d2018);
  ASSERT_EQ(region.status, Gazetteer::Resolution::found);
  EXPECT_EQ(region.entry->code, "11");
  EXPECT_TRUE(region.candidates[0].via_alias);
  const auto commune = gazetteer().resolve("Aisen", Level::commune, Division::d2007);
  ASSERT_EQ(commune.status, Gazetteer::Resolution::found);
  EXPECT_EQ(commune.entry->code, "11201");
  EXPECT_EQ(gazetteer().resolve("Región de Aysén", {}, Division::d2018).entry->code, "11");
}

TEST(Gazetteer, NubleIsARegionIn2018AndAProvinceIn2007) {
  const auto r2018 = gazetteer().resolve("Ñuble", {}, Division::d2018);
  ASSERT_EQ(r2018.status, Gazetteer::Resolution::found);
  EXPECT_EQ(describe(*r2018.entry), "region 16 2018");
  const auto r2007 = gazetteer().resolve("nuble", {}, Division::d2007);
  ASSERT_EQ(r2007.status, Gazetteer::Resolution::found);
  EXPECT_EQ(describe(*r2007.entry), "province 084 2007");
  EXPECT_EQ(gazetteer().resolve("Región de Ñuble", {}, Division::d2007).status,
            Gazetteer::Resolution::not_found);
}

TEST(Gazetteer, ChillanKeepsIts2018CodeInBothDivisions) {
  EXPECT_EQ(describe(gazetteer().find("Chillán")), (Names{"commune 16101 2018", "commune 16101 2007"}));
  const auto r = gazetteer().resolve("CHILLAN", Level::commune, Division::d2007);
  ASSERT_EQ(r.status, Gazetteer::Resolution::found);
  EXPECT_EQ(r.entry->name, "Chillán");
}

TEST(Gazetteer, RegionShortNames) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"Metropolitana", "13"},
      {"Región Metropolitana", "13"},
      {"Región Metropolitana de Santiago", "13"},
      {"Araucanía", "09"},
      {"Región de la Araucanía", "09"},
      {"Libertador Bernardo O'Higgins", "06"},
      {"Región del Libertador General Bernardo O'Higgins", "06"},
      {"Tarapacá", "01"},
      {"Región de Arica", "15"},
      {"RM", "13"},
      {"Región de Los Lagos", "10"},
      {"Región de Magallanes y de la Antártica Chilena", "12"},
  };
  for (Division d : kAllDivisions) {
    for (const auto& [name, code] : cases) {
      const auto r = gazetteer().resolve(name, {}, d);
      ASSERT_EQ(r.status, Gazetteer::Resolution::found) << name;
      EXPECT_EQ(r.entry->level, Level::region) << name;
      EXPECT_EQ(r.entry->code, code) << name;
    }
  }
  EXPECT_EQ(describe(gazetteer().find("O'Higgins", {}, Division::d2018)),
            (Names{"region 06 2018", "commune 11302 2018"}));
  EXPECT_EQ(describe(gazetteer().find("Magallanes", {}, Division::d2018)),
            (Names{"region 12 2018", "province 121 2018"}));
}

TEST(Gazetteer, GenericWordsRestrictTheLevel) {
  EXPECT_EQ(describe(gazetteer().find("Provincia de Santiago", {}, Division::d2018)),
            Names{"province 131 2018"});
  EXPECT_EQ(describe(gazetteer().find("Comuna de Santiago", {}, Division::d2018)),
            Names{"commune 13101 2018"});
  EXPECT_EQ(describe(gazetteer().find("Ilustre Municipalidad de Caldera", {}, Division::d2018)),
            Names{"commune 03102 2018"});
  // An explicit level wins over the generic word.
  EXPECT_EQ(describe(gazetteer().find("Comuna de Santiago", Level::province, Division::d2018)),
            Names{"province 131 2018"});
}

TEST(Gazetteer, UnknownAndBlankNamesFindNothing) {
  EXPECT_TRUE(gazetteer().find("Atlantis").empty());
  EXPECT_TRUE(gazetteer().find("").empty());
  EXPECT_TRUE(gazetteer().find(" - ").empty());
  EXPECT_TRUE(gazetteer().find("Región").empty());
  EXPECT_TRUE(gazetteer().find("Biobí").empty());  // find is exact; search does prefixes
  const auto r = gazetteer().resolve("Atlantis", {}, Division::d2018);
  EXPECT_EQ(r.status, Gazetteer::Resolution::not_found);
  EXPECT_EQ(r.entry, nullptr);
  EXPECT_TRUE(r.candidates.empty());
}

TEST(Gazetteer, FindHasNoDuplicatesAndIsOrdered) {
  const auto& entries = gazetteer().entries();
  for (const GazetteerEntry& e : entries) {
    const auto matches = gazetteer().find(e.name);
    for (std::size_t i = 1; i < matches.size(); ++i)
      EXPECT_LT(matches[i - 1].entry, matches[i].entry) << e.name;  // entries() is in result order
    for (const auto& m : matches) {
      EXPECT_GE(m.entry, entries.data());
      EXPECT_LT(m.entry, entries.data() + entries.size());
    }
  }
}

// --- search --------------------------------------------------------------------

TEST(Gazetteer, SearchSanReturnsNamesWithAWordStartingWithSan) {
  const auto results = gazetteer().search("san", 10);
  ASSERT_EQ(results.size(), 10u);
  for (const auto& m : results) {
    const auto words = name_tokens(m.matched_name);
    EXPECT_TRUE(std::any_of(words.begin(), words.end(), [](const std::string& w) { return w.starts_with("san"); }))
        << m.matched_name;
  }
}

TEST(Gazetteer, SearchRanksExactThenPrefixThenWord) {
  const auto bio = gazetteer().search("bio", 5);
  ASSERT_EQ(bio.size(), 5u);
  EXPECT_EQ(describe(bio), (Names{"region 08 2018", "region 08 2007", "province 083 2018", "province 083 2007",
                                  "commune 08314 2018"}));  // Alto Biobío: a word match

  const auto arica = gazetteer().search("Arica", 20, {}, Division::d2018);
  EXPECT_EQ(describe(arica), (Names{"province 151 2018", "commune 15101 2018", "region 15 2018"}));
  EXPECT_EQ(arica.back().matched_name, "Arica y Parinacota");  // official name preferred to an alias

  const auto llay = gazetteer().search("llay", 5, Level::commune, Division::d2018);
  EXPECT_EQ(describe(llay), (Names{"commune 05703 2018"}));
}

TEST(Gazetteer, SearchTiesByLevelThenLengthThenCode) {
  const auto results = gazetteer().search("san", 100, {}, Division::d2018);
  ASSERT_FALSE(results.empty());
  for (std::size_t i = 1; i < results.size(); ++i) {
    const auto& a = results[i - 1];
    const auto& b = results[i];
    const bool a_prefix = normalize_name(a.matched_name).starts_with("san");
    const bool b_prefix = normalize_name(b.matched_name).starts_with("san");
    ASSERT_GE(a_prefix, b_prefix) << a.matched_name << " / " << b.matched_name;
    if (a_prefix != b_prefix) continue;
    const auto rank = [](const Gazetteer::Match& m) {
      return std::tuple{m.entry->level, normalize_name(m.matched_name).size(), m.entry->code};
    };
    EXPECT_LT(rank(a), rank(b)) << a.matched_name << " / " << b.matched_name;
  }
}

TEST(Gazetteer, SearchMatchesWordsInAnyOrderAndFilters) {
  const auto pedro = describe(gazetteer().search("pedro san", 10, Level::commune, Division::d2018));
  EXPECT_NE(std::find(pedro.begin(), pedro.end(), "commune 13505 2018"), pedro.end());
  EXPECT_NE(std::find(pedro.begin(), pedro.end(), "commune 08108 2018"), pedro.end());

  const auto ohiggins = gazetteer().search("bernardo o'hig", 3, {}, Division::d2018);
  ASSERT_FALSE(ohiggins.empty());
  EXPECT_EQ(describe(*ohiggins[0].entry), "region 06 2018");

  for (const auto& m : gazetteer().search("Comuna de san", 20)) EXPECT_EQ(m.entry->level, Level::commune);
  for (const auto& m : gazetteer().search("los", 50, Level::province, Division::d2007)) {
    EXPECT_EQ(m.entry->level, Level::province);
    EXPECT_EQ(m.entry->division, Division::d2007);
  }
  EXPECT_EQ(describe(gazetteer().search("Región del Bío", 5)), (Names{"region 08 2018", "region 08 2007"}));
}

TEST(Gazetteer, SearchIgnoresBlankQueriesAndZeroLimit) {
  EXPECT_TRUE(gazetteer().search("", 10).empty());
  EXPECT_TRUE(gazetteer().search("   \t ", 10).empty());
  EXPECT_TRUE(gazetteer().search("-'.", 10).empty());
  EXPECT_TRUE(gazetteer().search("san", 0).empty());
  EXPECT_TRUE(gazetteer().search("zzzz", 10).empty());
  EXPECT_TRUE(gazetteer().search("Región de", 10).empty());  // generic words only
  const auto regions_m = gazetteer().search("Región de M", 10, {}, Division::d2018);
  EXPECT_EQ(describe(regions_m), (Names{"region 07 2018", "region 13 2018", "region 12 2018"}));
}

TEST(Gazetteer, ConstMethodsAreSafeFromManyThreads) {
  std::vector<std::string> queries;
  for (const GazetteerEntry& e : gazetteer().entries()) queries.push_back(e.name);
  const auto run = [&] {
    std::vector<std::string> out;
    for (const std::string& q : queries) {
      for (const auto& d : describe(gazetteer().find(q))) out.push_back(d);
      for (const auto& d : describe(gazetteer().search(q.substr(0, 3), 5))) out.push_back(d);
    }
    return out;
  };
  const std::vector<std::string> expected = run();
  std::vector<std::vector<std::string>> got(4);
  std::vector<std::thread> threads;
  for (auto& g : got) threads.emplace_back([&g, &run] { g = run(); });
  for (auto& t : threads) t.join();
  for (const auto& g : got) EXPECT_EQ(g, expected);
}

}  // namespace
}  // namespace layers
