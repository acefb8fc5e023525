// Search of the seed initiatives: the acceptance query finds Lautaro first
// with the report's remarks on it, case and accents do not matter, plural
// and singular meet, stop words are dropped, and a write's index sees the
// written record at once while the index it was copied from does not.
#include "layers/search/deferred_search.h"
#include "layers/search/initiative_search.h"

#include <gtest/gtest.h>

#include "layers/errors.h"
#include "layers/model/initiative_list.h"
#include "tests/support/fixture_store.h"

namespace {

using layers::parse_search_text;

std::vector<std::string> ids(const std::vector<layers::SearchHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.record->initiative.id);
  return out;
}

std::string plain(const std::vector<geo::TextIndex::Span>& spans) {
  std::string out;
  for (const auto& s : spans) out += s.match ? "[" + s.text + "]" : s.text;
  return out;
}

class InitiativeSearchTest : public ::testing::Test {
 protected:
  std::vector<layers::SearchHit> find(const std::string& q, std::size_t limit = 10) {
    return index_.search(records_, parse_search_text(q), limit);
  }
  const layers::InitiativeList& records_ = test_support::fixture_registry().initiatives();
  layers::InitiativeSearch index_{records_};
};

TEST_F(InitiativeSearchTest, PresupuestosParticipativosFindsLautaroFirstWithTheReportsRemarks) {
  const auto hits = find("presupuestos participativos");
  ASSERT_FALSE(hits.empty());
  // Then those whose remarks or names hold the words: El Bosque (two
  // remarks), Collipulli (its name), Aconcagua, Santa María.
  EXPECT_EQ(ids(hits), (std::vector<std::string>{"80", "64", "72", "231", "184"}));
  const layers::SearchHit& lautaro = hits[0];
  EXPECT_EQ(lautaro.record->initiative.name, "Presupuestos Participativos Municipales");
  ASSERT_EQ(lautaro.remarks.size(), 2u);
  EXPECT_EQ(lautaro.remarks[0].dimension, layers::Dimension::participation);
  EXPECT_EQ(plain(lautaro.remarks[0].snippet),
            "…[Presupuestos] [Participativos] en Lautaro), evidencian una realidad que está instalándose en la "
            "gestión pública en el nivel local principalmente, pero también provincial y regional.");
  EXPECT_EQ(lautaro.remarks[1].dimension, layers::Dimension::innovation);
  EXPECT_EQ(lautaro.record->initiative.sheet.remark(layers::Dimension::participation).section, "4.2.4 b)");
}

TEST_F(InitiativeSearchTest, CaseAccentsAndNumberDoNotMatter) {
  EXPECT_EQ(ids(find("PRESUPUESTOS participativos")), ids(find("presupuesto participativo")));
  EXPECT_EQ(ids(find("Presupuesto Participativo")), ids(find("presupuestos participativos")));
  EXPECT_EQ(ids(find("participación ciudadana")), ids(find("PARTICIPACION CIUDADANA")));
  EXPECT_EQ(ids(find("participacion ciudadana", 3)), (std::vector<std::string>{"231", "240", "75"}));
  EXPECT_EQ(ids(find("mesa del agua")), (std::vector<std::string>{"248"})) << "'del' is a stop word";
  EXPECT_EQ(ids(find("Huasco")), (std::vector<std::string>{"248"}));
  EXPECT_EQ(ids(find("Collipu")), (std::vector<std::string>{"72", "64", "80", "184"})) << "the last word is a prefix";
  EXPECT_TRUE(find("Collipu ").empty()) << "a trailing blank ends the word";
  EXPECT_EQ(ids(find("cauquenes", 1)), (std::vector<std::string>{"374"}));
}

TEST_F(InitiativeSearchTest, TheTextIsBounded) {
  EXPECT_THROW(parse_search_text(""), layers::DomainError);
  EXPECT_THROW(parse_search_text(" ¿? "), layers::DomainError);
  EXPECT_THROW(parse_search_text(std::string(201, 'a')), layers::DomainError);
  EXPECT_THROW(parse_search_text("a1 a2 a3 a4 a5 a6 a7 a8 a9"), layers::DomainError);
  EXPECT_EQ(parse_search_text("de la").words, (std::vector<std::string>{"de", "la"})) << "only stop words: kept";
  EXPECT_EQ(parse_search_text("Mesa del Agua").words, (std::vector<std::string>{"mesa", "agua"}));
}

TEST_F(InitiativeSearchTest, AWritesIndexSeesTheWriteAndTheOldOneDoesNot) {
  layers::StoredInitiative changed = layers::copy_record(*records_.find("393"));
  changed.initiative.sheet.description = "Xilografía participativa del Bío Bío.";
  std::vector<layers::InitiativeChange> changes;
  changes.push_back({"393", std::move(changed), 0});
  changes.push_back({"80", std::nullopt, 0});
  const layers::ListUpdate update = layers::apply_changes(records_, changes, 99);
  const layers::InitiativeSearch next(index_, update.records, {"393", "80"});
  EXPECT_EQ(ids(next.search(update.records, parse_search_text("xilografias"), 10)), (std::vector<std::string>{"393"}));
  EXPECT_EQ(ids(next.search(update.records, parse_search_text("presupuestos participativos"), 10)),
            (std::vector<std::string>{"64", "72", "231", "184"})) << "80 was deleted";
  EXPECT_TRUE(find("xilografias").empty());
  EXPECT_EQ(ids(find("presupuestos participativos", 1)), (std::vector<std::string>{"80"}));
}

TEST_F(InitiativeSearchTest, ADeferredIndexSeesEveryWriteSinceTheLastOneBuilt) {
  // Three writes; a search only after the first and after the third.
  const layers::DeferredSearch whole;
  EXPECT_EQ(ids(whole.get(records_).search(records_, parse_search_text("presupuestos participativos"), 1)),
            (std::vector<std::string>{"80"}));
  auto write = [](const layers::InitiativeList& list, std::vector<layers::InitiativeChange> changes) {
    return layers::apply_changes(list, changes, 99);
  };
  layers::StoredInitiative changed = layers::copy_record(*records_.find("393"));
  changed.initiative.sheet.description = "Xilografía participativa del Bío Bío.";
  std::vector<layers::InitiativeChange> first;
  first.push_back({"393", std::move(changed), 0});
  const layers::ListUpdate u1 = write(records_, std::move(first));
  const layers::DeferredSearch d1(whole, u1);
  std::vector<layers::InitiativeChange> second;
  second.push_back({"80", std::nullopt, 0});
  const layers::ListUpdate u2 = write(u1.records, std::move(second));
  const layers::DeferredSearch d2(d1, u2);
  layers::StoredInitiative moved = layers::copy_record(*u2.records.find("64"));
  moved.initiative.name = "Grabado en madera";
  std::vector<layers::InitiativeChange> third;
  third.push_back({"64", std::move(moved), 0});
  const layers::ListUpdate u3 = write(u2.records, std::move(third));
  const layers::DeferredSearch d3(d2, u3);

  const layers::InitiativeSearch& index = d3.get(u3.records);
  EXPECT_EQ(ids(index.search(u3.records, parse_search_text("xilografias"), 10)), (std::vector<std::string>{"393"}));
  EXPECT_EQ(ids(index.search(u3.records, parse_search_text("grabado madera"), 10)), (std::vector<std::string>{"64"}));
  EXPECT_EQ(ids(index.search(u3.records, parse_search_text("presupuestos participativos"), 10)),
            (std::vector<std::string>{"64", "72", "231", "184"})) << "80 was deleted";
  // The snapshots before keep what they showed.
  EXPECT_EQ(ids(whole.get(records_).search(records_, parse_search_text("presupuestos participativos"), 1)),
            (std::vector<std::string>{"80"}));
  EXPECT_TRUE(d1.get(u1.records).search(u1.records, parse_search_text("grabado madera"), 10).empty());
  EXPECT_EQ(ids(d1.get(u1.records).search(u1.records, parse_search_text("xilografias"), 10)),
            (std::vector<std::string>{"393"}));
}

}  // namespace
