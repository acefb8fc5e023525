// Importing initiative sources into a copy of the fixture store: good
// sources are joined, bad ones are refused with the record and the reason,
// and a refused import leaves the store exactly as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "geo/error.h"
#include "layers/errors.h"
#include "layers/snapshot/registry.h"
#include "layers/store/store_builder.h"
#include "tests/support/pg_database.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;

class Import : public ::testing::TestWithParam<test_support::StoreKind> {
 protected:
  void SetUp() override {
    TERRITORIO_REQUIRE_STORE(GetParam());
    copy_ = std::make_unique<test_support::FixtureCopy>(GetParam(), dir_);
    store_ = copy_->locator();
  }
  std::string write(const std::string& name, const std::string& text) { return dir_.write(name, text); }
  std::size_t count() { return layers::Registry::load(store_)->initiatives().size(); }
  std::int64_t generation() { return layers::Store::open(store_)->generation(); }

  // Imports and expects ImportError whose message contains each of `parts`,
  // with the store unchanged.
  void expect_refused(const std::string& source, const std::vector<std::string>& parts) {
    const auto before = generation();
    try {
      layers::import_into_store(store_, source);
      ADD_FAILURE() << "import of " << source << " was accepted";
    } catch (const layers::ImportError& e) {
      for (const auto& p : parts) EXPECT_NE(std::string(e.what()).find(p), std::string::npos) << e.what();
    }
    EXPECT_EQ(count(), 29u);
    EXPECT_EQ(generation(), before);
  }
  const layers::StoredInitiative& find(const layers::Registry& r, const std::string& id) {
    for (const auto& s : r.initiatives())
      if (s.initiative.id == id) return s;
    throw std::runtime_error("missing " + id);
  }

  test_support::TempDir dir_{"territorio-import"};
  std::unique_ptr<test_support::FixtureCopy> copy_;
  std::string store_;  // a file path or a postgresql:// URI
};

TEST_P(Import, PointsPolygonsCodesAndNamesAreJoined) {
  const auto csv = write("points.csv",
                         "id,name,lon,lat,year\n"
                         "p1,Plaza de Armas,-70.6506,-33.4378,2009\n"
                         "p2,Chillán centro,-72.1034,-36.6066,2009\n");
  auto report = layers::import_into_store(store_, csv);
  EXPECT_EQ(report.imported, 2u);
  const auto names = write("names.csv",
                           "id,name,footprint_names,footprint_level,footprint_division\n"
                           "n1,Por nombre,Llay-Llay;Puerto Natales,commune,2018\n"
                           "n2,Región,Bío Bío,region,2007\n");
  report = layers::import_into_store(store_, names);
  EXPECT_EQ(report.imported, 2u);
  const auto geojson = write("poly.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"g1","name":"Centro"},"geometry":{"type":"Polygon",
     "coordinates":[[[-70.66,-33.45],[-70.64,-33.45],[-70.64,-33.43],[-70.66,-33.43],[-70.66,-33.45]]]}}]})");
  report = layers::import_into_store(store_, geojson);
  EXPECT_EQ(report.imported, 1u);

  const auto reg = layers::Registry::load(store_);
  EXPECT_EQ(reg->initiatives().size(), 34u);
  auto communes = [&](const std::string& id) {
    std::vector<std::string> out;
    for (const auto& u : find(*reg, id).units)
      if (u.division == layers::Division::d2018 && u.level == layers::Level::commune) out.push_back(u.code + ":" + u.basis);
    return out;
  };
  EXPECT_EQ(communes("p1"), std::vector<std::string>{"13101:point_in_polygon"});
  EXPECT_EQ(communes("p2"), std::vector<std::string>{"16101:point_in_polygon"});
  EXPECT_EQ(communes("n1"), (std::vector<std::string>{"05703:name", "12401:name"}));
  EXPECT_EQ(communes("n2").size(), 54u);
  for (const auto& c : communes("g1")) EXPECT_NE(c.find(":polygon_overlap"), std::string::npos) << c;
  EXPECT_EQ(communes("g1").front(), "13101:polygon_overlap");
  EXPECT_EQ(find(*reg, "p1").initiative.year, 2009);
}

TEST_P(Import, UnknownCodeIsRefused) {
  expect_refused(write("bad.csv", "id,name,footprint_codes\nok,Bien,13101\nx,Mal,13999\n"),
                 {"line 3", "unknown code 13999"});
}

TEST_P(Import, MalformedCsvRowIsRefusedByLine) {
  expect_refused(write("bad.csv", "id,name,footprint_codes\nok,Bien,13101\nx,Mal,13101,extra\n"),
                 {":3", "expected 3 fields, found 4"});
}

TEST_P(Import, SwappedLatLonIsRefused) {
  expect_refused(write("bad.csv", "id,name,lon,lat\nx,Volteado,-33.4378,-70.6506\n"),
                 {"line 2", "outside Chile", "swapped"});
}

TEST_P(Import, PointAtSeaIsRefused) {
  expect_refused(write("bad.csv", "id,name,lon,lat\nx,Mar,-75.0,-33.0\n"), {"in no commune"});
}

TEST_P(Import, AmbiguousAndUnknownNamesAreRefused) {
  expect_refused(write("bad.csv", "id,name,footprint_names\nx,Ambigua,Valparaíso\n"), {"ambiguous", "Valparaíso"});
  expect_refused(write("bad2.csv", "id,name,footprint_names\nx,Ninguna,Atlántida\n"), {"unknown unit name"});
}

TEST_P(Import, DuplicateOfAStoredIdIsRefused) {
  expect_refused(write("dup.csv", "id,name,footprint_codes\n126,Otra vez,13101\n"), {"126", "already in the store"});
}

TEST_P(Import, SelfIntersectingPolygonIsRepairedAndCollapsedOneRefused) {
  // A bow-tie over Santiago: invalid, repaired into its two triangles.
  const auto bowtie = write("bowtie.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"b1","name":"Corbata"},"geometry":{"type":"Polygon",
     "coordinates":[[[-70.66,-33.45],[-70.64,-33.43],[-70.64,-33.45],[-70.66,-33.43],[-70.66,-33.45]]]}}]})");
  const auto report = layers::import_into_store(store_, bowtie);
  EXPECT_EQ(report.imported, 1u);
  ASSERT_EQ(report.notes.size(), 1u);
  EXPECT_NE(report.notes[0].find("repaired"), std::string::npos) << report.notes[0];
  EXPECT_NE(report.notes[0].find("Self-intersection"), std::string::npos) << report.notes[0];

  const auto flat = write("flat.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"f1","name":"Plana"},"geometry":{"type":"Polygon",
     "coordinates":[[[-70.66,-33.45],[-70.64,-33.45],[-70.65,-33.45],[-70.66,-33.45]]]}}]})");
  const auto before = generation();
  EXPECT_THROW(layers::import_into_store(store_, flat), layers::ImportError);
  EXPECT_EQ(count(), 30u);
  EXPECT_EQ(generation(), before);
}

TEST_P(Import, SourceGdalCannotOpenIsRefused) {
  const auto junk = write("junk.gpkg", "this is not a geopackage");
  EXPECT_THROW(layers::import_into_store(store_, junk), geo::GdalError);
  EXPECT_THROW(layers::import_into_store(store_, dir_.path("missing.geojson")), geo::GdalError);
  EXPECT_EQ(count(), 29u);
}

TEST_P(Import, MissingNameAndBadYearAreRefused) {
  expect_refused(write("bad.csv", "id,name,footprint_codes\nx,,13101\n"), {"missing name"});
  expect_refused(write("bad2.csv", "id,name,footprint_codes,year\nx,Año,13101,dosmil\n"), {"year"});
}

INSTANTIATE_TEST_SUITE_P(Stores, Import, ::testing::Values(test_support::StoreKind::spatialite, test_support::StoreKind::postgres),
                         test_support::store_kind_name);

}  // namespace
