// Imports that write nothing: a source with bytes that are not UTF-8 is
// refused naming the record, and a source with no records imports nothing;
// in both cases the store and its generation stay as they were. Every id
// stored can be named in a URL (and so changed through the write API).
#include <gtest/gtest.h>

#include <filesystem>

#include "layers/errors.h"
#include "layers/snapshot/registry.h"
#include "layers/store/store_builder.h"
#include "tests/support/pg_database.h"
#include "tests/support/temp_dir.h"

namespace {

class ImportEdge : public ::testing::TestWithParam<test_support::StoreKind> {
 protected:
  void SetUp() override {
    TERRITORIO_REQUIRE_STORE(GetParam());
    copy_ = std::make_unique<test_support::FixtureCopy>(GetParam(), dir_);
    store_ = copy_->locator();
  }
  std::int64_t generation() { return layers::Store::open(store_)->generation(); }
  std::size_t count() { return layers::Registry::load(store_)->initiatives().size(); }

  // The ImportError message of importing source, which must be refused.
  std::string refusal(const std::string& source) {
    try {
      layers::import_into_store(store_, source);
    } catch (const layers::ImportError& e) {
      return e.what();
    }
    ADD_FAILURE() << source << " was imported";
    return "";
  }

  test_support::TempDir dir_{"territorio-import-edge"};
  std::unique_ptr<test_support::FixtureCopy> copy_;
  std::string store_;  // a file path or a postgresql:// URI
};

TEST_P(ImportEdge, InvalidUtf8IsRefusedNamingTheLine) {
  const auto before = generation();
  const auto csv = dir_.write("latin1.csv",
                              "id,name,footprint_codes\n"
                              "u1,Bien,13101\n"
                              "u2,Chill\xe1n,16101\n");
  EXPECT_EQ(refusal(csv), "record line 3: field name is not valid UTF-8 text (byte 0xE1 at byte 6)");
  const auto header = dir_.write("header.csv", "id,n\xe4me,footprint_codes\nu1,Bien,13101\n");
  EXPECT_EQ(refusal(header), "record line 1: the name of field 2 is not valid UTF-8 text (byte 0xE4 at byte 2)");
  const auto geojson = dir_.write("latin1.geojson",
                                  "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                                  "\"properties\":{\"id\":\"g1\",\"name\":\"Bien\",\"footprint_codes\":\"13101\"},"
                                  "\"geometry\":null},{\"type\":\"Feature\",\"properties\":{\"id\":\"g2\","
                                  "\"name\":\"\xd1u\xf1oa\",\"footprint_codes\":\"13120\"},\"geometry\":null}]}");
  EXPECT_NE(refusal(geojson), "");
  EXPECT_EQ(count(), 29u);
  EXPECT_EQ(generation(), before);
}

TEST_P(ImportEdge, NoRecordsImportsNothingAndKeepsTheGeneration) {
  const auto before = generation();
  const auto report = layers::import_into_store(store_, dir_.write("header.csv", "id,name,footprint_codes\n"));
  EXPECT_EQ(report.imported, 0u);
  EXPECT_EQ(generation(), before);
  EXPECT_EQ(count(), 29u);
  const auto one = layers::import_into_store(store_, dir_.write("one.csv", "id,name,footprint_codes\nu1,Bien,13101\n"));
  EXPECT_EQ(one.imported, 1u);
  EXPECT_EQ(generation(), before + 1);
}

TEST_P(ImportEdge, AnIdNoUrlCanNameIsRefusedAndMadeIdsFollowTheRule) {
  const auto before = generation();
  const auto spaced = dir_.write("spaced.csv", "id,name,footprint_codes\nu1,Bien,13101\nmi registro,Mal,13101\n");
  EXPECT_EQ(refusal(spaced),
            "record line 3 (id mi registro): the id is not 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-': "
            "every id must fit in a URL");
  EXPECT_EQ(generation(), before);
  // Without an id column the file name makes the ids: what the rule
  // refuses in it becomes '-'.
  const auto named = dir_.write("mis datos ñuble.csv", "name,footprint_codes\nUno,16101\n");
  EXPECT_EQ(layers::import_into_store(store_, named).imported, 1u);
  const auto registry = layers::Registry::load(store_);
  bool found = false;
  for (const auto& s : registry->initiatives()) found = found || s.initiative.id == "mis-datos---uble-1";
  EXPECT_TRUE(found) << "the made id is mis-datos---uble-1 (ñ is two bytes)";
}

INSTANTIATE_TEST_SUITE_P(Stores, ImportEdge, ::testing::Values(test_support::StoreKind::spatialite, test_support::StoreKind::postgres),
                         test_support::store_kind_name);

}  // namespace
