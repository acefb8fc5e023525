// geo::TextIndex: folding and stemming of documents and queries alike,
// bm25 ranking by column weight, phrases, prefixes, highlights, and copies
// that change without touching the index they were copied from.
#include "geo/sqlite/text_index.h"

#include <gtest/gtest.h>

namespace {

using geo::spanish_light_stem;
using geo::TextIndex;

TEST(SpanishLightStem, PluralsAndGenderMeetAtOneStem) {
  EXPECT_EQ(spanish_light_stem("presupuestos"), "presupuest");
  EXPECT_EQ(spanish_light_stem("presupuesto"), "presupuest");
  EXPECT_EQ(spanish_light_stem("participativas"), "participativ");
  EXPECT_EQ(spanish_light_stem("participativo"), "participativ");
  EXPECT_EQ(spanish_light_stem("actores"), "actor");
  EXPECT_EQ(spanish_light_stem("actor"), "actor");
  EXPECT_EQ(spanish_light_stem("regiones"), "region");
  EXPECT_EQ(spanish_light_stem("region"), "region");
  EXPECT_EQ(spanish_light_stem("redes"), "red");
  EXPECT_EQ(spanish_light_stem("mesas"), "mes");
  EXPECT_EQ(spanish_light_stem("mesa"), "mes");
  EXPECT_EQ(spanish_light_stem("participacion"), "participacion");
  // Three letters at least: short words stay.
  EXPECT_EQ(spanish_light_stem("dos"), "dos");
  EXPECT_EQ(spanish_light_stem("bio"), "bio");
  EXPECT_EQ(spanish_light_stem("las"), "las");
  EXPECT_EQ(spanish_light_stem(""), "");
}

std::vector<std::string> keys(const std::vector<TextIndex::Hit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.key);
  return out;
}

class TextIndexTest : public ::testing::Test {
 protected:
  TextIndexTest() : index_({{"title", 10}, {"body", 1}}) {
    index_.put("lautaro", {"Presupuestos Participativos Municipales", ""});
    index_.put("bosque", {"Integración de Políticas Públicas", "decisión sobre proyectos (por ej. Presupuestos Participativos en Lautaro)"});
    index_.put("collipulli", {"Diseño participativo del parque urbano", "el alcalde convoca a la sociedad civil"});
  }
  TextIndex index_;
};

TEST_F(TextIndexTest, FoldsCaseAndAccentsAndStemsOnBothSides) {
  EXPECT_EQ(keys(index_.search({"presupuesto", "participativo"}, false, 10)),
            (std::vector<std::string>{"lautaro", "bosque"})) << "the title weighs more than the body";
  EXPECT_EQ(keys(index_.search({"PRESUPUESTOS", "participativos"}, false, 10)),
            (std::vector<std::string>{"lautaro", "bosque"}));
  EXPECT_EQ(keys(index_.search({"diseno"}, false, 10)), (std::vector<std::string>{"collipulli"}));
  EXPECT_EQ(keys(index_.search({"DISEÑOS"}, false, 10)), (std::vector<std::string>{"collipulli"}));
  EXPECT_EQ(keys(index_.search({"politica", "publica"}, false, 10)), (std::vector<std::string>{"bosque"}));
  EXPECT_EQ(index_.size(), 3u);
}

TEST_F(TextIndexTest, EveryTermIsRequiredAndTheLastMayBeAPrefix) {
  EXPECT_TRUE(index_.search({"presupuesto", "parque"}, false, 10).empty());
  EXPECT_TRUE(index_.search({"partic"}, false, 10).empty());
  // Matches in the title weigh more than those in the body.
  EXPECT_EQ(keys(index_.search({"partic"}, true, 10)), (std::vector<std::string>{"lautaro", "collipulli", "bosque"}));
  EXPECT_EQ(keys(index_.search({"partic"}, true, 1)), (std::vector<std::string>{"lautaro"}));
  EXPECT_TRUE(index_.search({}, true, 10).empty());
}

TEST_F(TextIndexTest, TermsAreQuotedPhrases) {
  EXPECT_EQ(keys(index_.search({"alcalde convoca"}, false, 10)), (std::vector<std::string>{"collipulli"}));
  EXPECT_TRUE(index_.search({"convoca alcalde"}, false, 10).empty());
  // FTS5 syntax in a term is text: no error, no injection.
  EXPECT_TRUE(index_.search({"\" OR lautaro"}, false, 10).empty());
  EXPECT_TRUE(index_.search({"title:x*"}, true, 10).empty());
  EXPECT_EQ(keys(index_.search({"NEAR(lautaro"}, false, 10)).size(), 0u);
}

TEST_F(TextIndexTest, HighlightsAndSnippetsCutTheColumnIntoSpans) {
  const auto hits = index_.search({"presupuestos"}, false, 10, {1});
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_TRUE(hits[0].highlights[0].empty()) << "lautaro's body is empty";
  const std::vector<TextIndex::Span> want = {{"decisión sobre proyectos (por ej. ", false},
                                             {"Presupuestos", true},
                                             {" Participativos en Lautaro)", false}};
  EXPECT_EQ(hits[1].highlights[0], want);
  const auto snippet = index_.search({"lautaro"}, false, 10, {1}, 3);
  ASSERT_EQ(snippet.size(), 1u);
  ASSERT_EQ(snippet[0].key, "bosque");
  const std::vector<TextIndex::Span> window = {{"…Participativos en ", false}, {"Lautaro", true}, {")", false}};
  EXPECT_EQ(snippet[0].highlights[0], window);
}

TEST_F(TextIndexTest, ACopyChangesAloneAndPutReplaces) {
  auto next = index_.copy();
  next->put("bosque", {"Integración de Políticas Públicas", "diagnósticos participativos"});
  next->remove("collipulli");
  next->put("nuevo", {"Parque nuevo", ""});
  EXPECT_EQ(keys(next->search({"presupuestos"}, false, 10)), (std::vector<std::string>{"lautaro"}));
  EXPECT_EQ(keys(next->search({"parque"}, false, 10)), (std::vector<std::string>{"nuevo"}));
  EXPECT_EQ(next->size(), 3u);
  EXPECT_EQ(keys(index_.search({"presupuestos"}, false, 10)), (std::vector<std::string>{"lautaro", "bosque"}));
  EXPECT_EQ(keys(index_.search({"parque"}, false, 10)), (std::vector<std::string>{"collipulli"}));
  next->remove("absent");  // nothing to remove: nothing happens
  EXPECT_EQ(next->size(), 3u);
  // A copy of a copy, and of an empty index.
  auto third = next->copy();
  EXPECT_EQ(keys(third->search({"nuevo"}, false, 10)), (std::vector<std::string>{"nuevo"}));
  TextIndex empty({{"a", 1}});
  EXPECT_TRUE(empty.copy()->search({"x"}, true, 10).empty());
}

TEST_F(TextIndexTest, MarkerBytesInTextAreSpaces) {
  index_.put("raro", {"uno\x01" "dos\x02tres", ""});
  const auto hits = index_.search({"dos"}, false, 10, {0});
  ASSERT_EQ(hits.size(), 1u);
  const std::vector<TextIndex::Span> want = {{"uno ", false}, {"dos", true}, {" tres", false}};
  EXPECT_EQ(hits[0].highlights[0], want);
}

}  // namespace
