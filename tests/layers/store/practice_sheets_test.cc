// The practice sheets: the bundled ones are in the store built from data/
// (as the seed report says them, unknown left empty), an import reads the
// same columns, bad sheets are refused naming the line, and a store of
// schema version 1, 2 or 3 migrates to 4 keeping its records (both stores).
#include <gtest/gtest.h>

#include <filesystem>

#include "geo/postgres/pg_connection.h"
#include "geo/sqlite/sqlite_db.h"
#include "layers/errors.h"
#include "layers/snapshot/registry.h"
#include "layers/store/practice_sheets.h"
#include "layers/store/store_builder.h"
#include "tests/support/fixture_store.h"
#include "tests/support/pg_database.h"
#include "tests/support/temp_dir.h"

namespace {

using layers::Dimension;

TEST(PracticeSheets, TheSeedRecordsCarryWhatTheReportSays) {
  const auto& records = test_support::fixture_registry().initiatives();
  std::size_t with_remarks = 0, remarks = 0, described = 0;
  for (const auto& s : records) {
    const auto& sheet = s.initiative.sheet;
    bool any = false;
    for (Dimension d : layers::kAllDimensions)
      if (!sheet.remark(d).text.empty()) ++remarks, any = true;
    with_remarks += any;
    described += !sheet.description.empty();
  }
  EXPECT_EQ(with_remarks, 18u);
  EXPECT_EQ(remarks, 32u);
  EXPECT_EQ(described, 18u);

  const auto* lautaro = records.find("80");
  ASSERT_NE(lautaro, nullptr);
  const auto& sheet = lautaro->initiative.sheet;
  EXPECT_EQ(sheet.remark(Dimension::participation).section, "4.2.4 b)");
  EXPECT_NE(sheet.remark(Dimension::participation).text.find("decisión sobre proyectos (por ej. Presupuestos "
                                                               "Participativos en Lautaro)"),
            std::string::npos);
  EXPECT_EQ(sheet.remark(Dimension::innovation).section, "4.2.5 b)");
  EXPECT_EQ(sheet.remark(Dimension::actors).text, "") << "the report says nothing of Lautaro's actors";
  EXPECT_EQ(sheet.remark(Dimension::actors).section, "");
  // Shown among the item's fields, after the seed file's own.
  const auto& a = lautaro->initiative.attributes;
  ASSERT_GE(a.size(), 3u);
  EXPECT_EQ(a[a.size() - 5].first, "description");
  EXPECT_EQ(a.back(), (std::pair<std::string, std::string>{"remark_innovation_section", "4.2.5 b)"}));

  const auto* huasco = records.find("248");
  ASSERT_NE(huasco, nullptr);
  EXPECT_EQ(huasco->initiative.sheet.remark(Dimension::planning).section, "4.2.3 b)");
  EXPECT_TRUE(records.find("5")->initiative.sheet.empty()) << "Elqui Participa: only the annex line";
}

class SheetFiles : public ::testing::Test {
 protected:
  std::vector<layers::SourceRecord> records() {
    std::vector<layers::SourceRecord> out(2);
    out[0].initiative.id = "a";
    out[1].initiative.id = "b";
    return out;
  }
  std::string refusal(const std::string& csv) {
    auto r = records();
    try {
      layers::apply_practice_sheets(dir_.write("sheets.csv", csv), r);
    } catch (const layers::DataError& e) {
      const std::string what = e.what();
      return what.substr(what.find(": ") + 2);  // without the path
    }
    ADD_FAILURE() << csv << " was applied";
    return "";
  }
  test_support::TempDir dir_{"territorio-sheets"};
};

TEST_F(SheetFiles, ASheetIsLaidOverItsRecord) {
  auto r = records();
  layers::apply_practice_sheets(
      dir_.write("sheets.csv", "id,description,remark_planning,remark_planning_section\nb,Una mesa.,Se planifica.,4.2.3 c)\n"), r);
  EXPECT_TRUE(r[0].initiative.sheet.empty());
  EXPECT_EQ(r[1].initiative.sheet.description, "Una mesa.");
  EXPECT_EQ(r[1].initiative.sheet.remark(Dimension::planning).text, "Se planifica.");
  EXPECT_EQ(r[1].initiative.sheet.remark(Dimension::planning).section, "4.2.3 c)");
  EXPECT_EQ(r[1].initiative.attributes.size(), 3u);
}

TEST_F(SheetFiles, BadSheetsAreRefusedNamingTheLine) {
  EXPECT_EQ(refusal("id,description\nz,x\n"), "line 2: no initiative has id 'z'");
  EXPECT_EQ(refusal("id,description\na,x\na,y\n"), "line 3: a second sheet for id 'a'");
  EXPECT_EQ(refusal("id,remark_budget\na,x\n"), "column 'remark_budget' is not a practice sheet field");
  EXPECT_EQ(refusal("id,remark_actors\na,x\n"), "line 2: remark_actors needs remark_actors_section");
  EXPECT_EQ(refusal("id,remark_actors,remark_actors_section\na,,4.2.1\n"),
            "line 2: remark_actors_section needs remark_actors");
  EXPECT_EQ(refusal("id,description\na,\"two\nlines\"\n"),
            "line 2: description must be one line without control characters");
  EXPECT_EQ(refusal("id,description\na," + std::string(601, 'x') + "\n"),
            "line 2: description is longer than 600 bytes");
}

// On both stores: what an import's sheet columns give, and the migration
// of a store written by an earlier release (its sheet column and, for
// version 1, its revisions and audit trail taken away as they were).
class PracticeSheetStore : public ::testing::TestWithParam<test_support::StoreKind> {
 protected:
  void SetUp() override {
    TERRITORIO_REQUIRE_STORE(GetParam());
    copy_ = std::make_unique<test_support::FixtureCopy>(GetParam(), dir_);
    store_ = copy_->locator();
  }
  // Runs the statements on the store as an earlier release left it.
  void run_sql(const std::vector<std::string>& statements) {
    if (GetParam() == test_support::StoreKind::postgres) {
      geo::PgConnection db(store_);
      for (const auto& sql : statements) db.exec(sql);
    } else {
      geo::Database db(store_, geo::Database::Mode::read_write_create);
      for (const auto& sql : statements) db.exec(sql);
    }
  }
  void expect_migrates_from(int version) {
    EXPECT_THROW(layers::Store::open(store_), layers::DataError) << "a reader does not migrate";
    layers::Store::open(store_, layers::Store::Access::write);
    const auto registry = layers::Registry::load(store_);
    EXPECT_EQ(registry->initiatives().size(), 29u) << "from " << version;
    EXPECT_TRUE(registry->initiatives().find("80")->initiative.sheet.empty()) << "a migrated record has no sheet yet";
    // It reads as a store of this release: a write keeps its sheet.
    auto store = layers::Store::open(store_, layers::Store::Access::write);
    auto record = std::move(store->read_initiatives(std::string("80")).at(0));
    record.initiative.id = "80b";
    record.initiative.sheet.description = "Presupuestos participativos.";
    {
      layers::Store::Transaction tx(*store);
      store->insert_initiative(record, 7);
      tx.commit();
    }
    const auto back = store->read_initiatives(std::string("80b"));
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].initiative.sheet.description, "Presupuestos participativos.");
    EXPECT_EQ(back[0].revision, 7);
  }

  test_support::TempDir dir_{"territorio-sheet-store"};
  std::unique_ptr<test_support::FixtureCopy> copy_;
  std::string store_;
};

TEST_P(PracticeSheetStore, AnImportReadsTheSheetColumns) {
  layers::import_into_store(store_, dir_.write("next.csv",
                                               "id,name,footprint_codes,description,remark_participation,"
                                               "remark_participation_section\n"
                                               "n1,Cabildos de Ñuble,16101,Cabildos abiertos.,Los vecinos deciden.,"
                                               "informe 2010 3.2\n"));
  const auto registry = layers::Registry::load(store_);
  const auto* n1 = registry->initiatives().find("n1");
  ASSERT_NE(n1, nullptr);
  EXPECT_EQ(n1->initiative.sheet.description, "Cabildos abiertos.");
  EXPECT_EQ(n1->initiative.sheet.remark(Dimension::participation).text, "Los vecinos deciden.");
  EXPECT_EQ(n1->initiative.sheet.remark(Dimension::participation).section, "informe 2010 3.2");
  EXPECT_EQ(registry->initiatives().find("80")->initiative.sheet,
            test_support::fixture_registry().initiatives().find("80")->initiative.sheet);
  try {
    layers::import_into_store(store_, dir_.write("bad.csv", "id,name,footprint_codes,remark_actors\nn2,X,16101,Dice.\n"));
    ADD_FAILURE() << "a remark without its section was imported";
  } catch (const layers::ImportError& e) {
    EXPECT_EQ(std::string(e.what()), "record line 2 (id n2): remark_actors needs remark_actors_section");
  }
}

TEST_P(PracticeSheetStore, AVersion2StoreMigratesKeepingItsRecords) {
  run_sql({"ALTER TABLE initiatives DROP COLUMN sheet", "UPDATE meta SET value = '2' WHERE key = 'schema_version'"});
  expect_migrates_from(2);
}

TEST_P(PracticeSheetStore, AVersion1StoreMigratesKeepingItsRecords) {
  run_sql({"ALTER TABLE initiatives DROP COLUMN sheet", "ALTER TABLE initiatives DROP COLUMN revision",
           "DROP TABLE audit", "UPDATE meta SET value = '1' WHERE key = 'schema_version'"});
  expect_migrates_from(1);
  EXPECT_EQ(layers::Store::open(store_)->changes_since(0, 10).size(), 0u) << "a new, empty audit trail";
}

// Version 4 drops the index of joins by unit, which nothing read and every
// write paid for; the records stay.
TEST_P(PracticeSheetStore, AVersion3StoreMigratesDroppingTheJoinsByUnitIndex) {
  run_sql({"CREATE INDEX initiative_units_by_unit ON initiative_units(division, code)",
           "UPDATE meta SET value = '3' WHERE key = 'schema_version'"});
  EXPECT_THROW(layers::Store::open(store_), layers::DataError) << "a reader does not migrate";
  layers::Store::open(store_, layers::Store::Access::write);
  EXPECT_EQ(layers::Registry::load(store_)->initiatives().size(), 29u);
  // Gone: the same index can be created again.
  EXPECT_NO_THROW(run_sql({"CREATE INDEX initiative_units_by_unit ON initiative_units(division, code)"}));
}

INSTANTIATE_TEST_SUITE_P(Stores, PracticeSheetStore,
                         ::testing::Values(test_support::StoreKind::spatialite, test_support::StoreKind::postgres),
                         test_support::store_kind_name);

}  // namespace
