// The published collections and the feature query on the fixture store:
// counts, schemas, paging, bbox against brute force, the antimeridian,
// sorting, filters, CRS round trips and the downloads written by GDAL.
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "geo/gdal/gdal_dataset.h"
#include "geo/geos/geojson_geometry.h"
#include "geo/geos/predicates.h"
#include "layers/cql2/cql2_parser.h"
#include "layers/features/feature_crs.h"
#include "layers/features/feature_export.h"
#include "layers/features/feature_query.h"
#include "tests/support/fixture_store.h"

namespace {

const layers::FeatureCatalog& catalog() {
  static const layers::FeatureCatalog c(test_support::fixture_registry(),
                                        layers::read_census_zones(std::string(TERRITORIO_DATA_DIR) + "/census_zones_2017.csv"));
  return c;
}

const layers::Collection& coll(const std::string& id) {
  const auto* c = catalog().find(id);
  if (!c) throw std::runtime_error("no collection " + id);
  return *c;
}

TEST(Collections, CountsAndSchemas) {
  std::vector<std::string> ids;
  for (const auto& c : catalog().collections()) ids.push_back(c->id);
  EXPECT_EQ(ids, (std::vector<std::string>{"regions", "provinces", "communes", "regions-2007", "provinces-2007",
                                           "initiatives", "census-zones"}));
  EXPECT_EQ(coll("regions").features.size(), 16u);
  EXPECT_EQ(coll("provinces").features.size(), 56u);
  EXPECT_EQ(coll("regions-2007").features.size(), 15u);
  EXPECT_EQ(coll("provinces-2007").features.size(), 54u);
  EXPECT_EQ(coll("initiatives").features.size(), 29u);
  EXPECT_EQ(coll("census-zones").features.size(), 4865u);
  // 345 communes: Antártica (12202) has no polygon, so the boundary layer leaves it out.
  const auto& communes = coll("communes");
  EXPECT_EQ(communes.features.size(), 345u);
  EXPECT_EQ(communes.spatial.size(), 345u);
  EXPECT_EQ(communes.find("12202"), nullptr);
  const auto* valpo = communes.find("05101");
  ASSERT_NE(valpo, nullptr);
  const auto props = nlohmann::json::parse(valpo->properties_json);
  EXPECT_EQ(props["name"], "Valparaíso");
  EXPECT_EQ(props["province_code"], "051");
  EXPECT_EQ(props["region_code"], "05");
  EXPECT_EQ(props["region_name"], "Valparaíso");
  EXPECT_EQ(props["population"], 296655);
  EXPECT_TRUE(props["area_km2"].is_number());
  EXPECT_TRUE(props["initiatives"].is_number_integer());
  // Ñuble's communes sit in Biobío's province 084 in the 2007 division.
  const auto* chillan_2007_province = coll("provinces-2007").find("084");
  ASSERT_NE(chillan_2007_province, nullptr);
  EXPECT_EQ(nlohmann::json::parse(chillan_2007_province->properties_json)["region_code"], "08");
}

TEST(Collections, InitiativesCarryTheirRecordAndJoinedCodes) {
  const auto& c = coll("initiatives");
  for (const char* f : {"id", "name", "year", "stage", "award", "commune_codes", "region_codes", "region_codes_2007",
                        "footprint_codes", "footprint_basis", "annex_order"})
    EXPECT_TRUE(c.field_index(f)) << f;
  const auto* in = c.find("60");  // Chiloé: province 102
  ASSERT_NE(in, nullptr);
  const auto p = nlohmann::json::parse(in->properties_json);
  EXPECT_EQ(p["province_codes"], "102");
  EXPECT_EQ(p["region_codes"], "10");
  ASSERT_TRUE(in->geometry);
  EXPECT_TRUE(in->geometry->is_polygonal());
  // The union of the province's communes: every one of its commune boxes lies inside.
  const auto* chiloe = coll("provinces").find("102");
  EXPECT_NEAR(in->box.min_x, chiloe->box.min_x, 1e-9);
  EXPECT_NEAR(in->box.max_y, chiloe->box.max_y, 1e-9);
}

TEST(Collections, PagingCoversEveryFeatureOnce) {
  const auto& c = coll("communes");
  layers::FeatureQuery q;
  q.limit = 7;
  std::set<std::string> seen;
  std::size_t total = 0;
  for (q.offset = 0;; q.offset += q.limit) {
    const auto page = layers::query_features(c, q);
    EXPECT_EQ(page.matched, 345u);
    for (const auto* f : page.features) seen.insert(f->id);
    total += page.features.size();
    if (page.features.size() < q.limit) break;
  }
  EXPECT_EQ(total, 345u);
  EXPECT_EQ(seen.size(), 345u);
}

std::set<std::string> brute_force(const layers::Collection& c, const geo::Envelope& box) {
  const auto rect = geo::Geometry::from_wkt("POLYGON((" + std::to_string(box.min_x) + " " + std::to_string(box.min_y) +
                                            "," + std::to_string(box.max_x) + " " + std::to_string(box.min_y) + "," +
                                            std::to_string(box.max_x) + " " + std::to_string(box.max_y) + "," +
                                            std::to_string(box.min_x) + " " + std::to_string(box.max_y) + "," +
                                            std::to_string(box.min_x) + " " + std::to_string(box.min_y) + "))");
  std::set<std::string> out;
  for (const auto& f : c.features)
    if (f->geometry && geo::relate(geo::Relation::intersects, rect, *f->geometry)) out.insert(f->id);
  return out;
}

TEST(Collections, BboxMatchesBruteForce) {
  for (const char* id : {"communes", "census-zones", "initiatives"}) {
    const auto& c = coll(id);
    for (const geo::Envelope box : {geo::Envelope{-71.7, -33.1, -71.5, -32.9}, geo::Envelope{-70.7, -33.5, -70.5, -33.4},
                                    geo::Envelope{-110, -28, -100, -26}, geo::Envelope{-68, -56, -66, -54},
                                    geo::Envelope{0, 0, 1, 1}}) {
      layers::FeatureQuery q;
      q.limit = layers::kMaxLimit;
      q.boxes = {box};
      std::set<std::string> got;
      for (const auto* f : layers::query_features(c, q).features) got.insert(f->id);
      EXPECT_EQ(got, brute_force(c, box)) << id;
    }
  }
  layers::FeatureQuery q;
  q.boxes = {geo::Envelope{-71.7, -33.1, -71.5, -32.9}};
  EXPECT_EQ(layers::query_features(coll("communes"), q).matched, 4u);
}

TEST(Collections, DatetimeSortAndFilters) {
  const auto& c = coll("communes");
  layers::FeatureQuery q;
  q.limit = 3;
  q.sortby = {{*c.field_index("population"), true}};
  auto page = layers::query_features(c, q);
  ASSERT_EQ(page.features.size(), 3u);
  EXPECT_EQ(page.features[0]->id, "13201");  // Puente Alto, the most populous commune
  auto eq = layers::property_equals(c, "region_code", "05");
  q = {};
  q.limit = 100;
  q.filters = {eq.get()};
  EXPECT_EQ(layers::query_features(c, q).matched, 38u);
  EXPECT_THROW(layers::property_equals(c, "population", "many"), std::invalid_argument);
  auto f = layers::cql2::parse("CASEI(ACCENTI(region_name)) = 'valparaiso' AND population > 100000");
  layers::bind_filter(c, *f);
  q.filters = {f.get()};
  std::set<std::string> big;
  for (const auto* feat : layers::query_features(c, q).features) big.insert(feat->id);
  EXPECT_EQ(big, (std::set<std::string>{"05101", "05109", "05801", "05804"}));  // Valparaíso, Viña, Quilpué, Villa Alemana

  const auto& in = coll("initiatives");
  layers::FeatureQuery t;
  t.limit = 100;
  std::size_t by_year = 0;  // a record without a year has no time: datetime matches it (Part 1)
  for (const auto& feat : in.features) by_year += !feat->year || *feat->year == 2016;
  t.year_min = t.year_max = 2016;
  EXPECT_EQ(layers::query_features(in, t).matched, by_year);
}

TEST(Collections, DatetimeSelectsByYear) {
  layers::Collection c;
  c.temporal = true;
  std::vector<std::shared_ptr<const layers::PublishedFeature>> features;
  for (int i = 0; i < 6; ++i) {
    auto f = std::make_shared<layers::PublishedFeature>();
    f->id = std::to_string(i);
    if (i < 5) f->year = 2014 + i;  // 2014..2018; feature 5 has no year
    features.push_back(std::move(f));
  }
  c.features = std::move(features);
  layers::FeatureQuery q;
  // 2015 and 2016, and feature 5, which has no time (Part 1, /req/core/fc-time-response C).
  q.year_min = 2015;
  q.year_max = 2016;
  EXPECT_EQ(layers::query_features(c, q).matched, 3u);
  q.year_max.reset();
  EXPECT_EQ(layers::query_features(c, q).matched, 5u);
  q.year_min.reset();
  q.year_max = 2013;
  EXPECT_EQ(layers::query_features(c, q).matched, 1u);
  q = {};
  EXPECT_EQ(layers::query_features(c, q).matched, 6u);
}

TEST(Collections, CrsRoundTrips) {
  for (const char* uri : {"http://www.opengis.net/def/crs/EPSG/0/3857", "http://www.opengis.net/def/crs/EPSG/0/32719",
                          "http://www.opengis.net/def/crs/EPSG/0/32718"}) {
    const layers::Crs* crs = layers::find_crs(uri);
    ASSERT_NE(crs, nullptr);
    double x = -70.65, y = -33.45;
    layers::transform_from_crs84(*crs)->transform(x, y);
    const auto back = layers::box_to_crs84(*crs, x, y, x, y);
    EXPECT_NEAR(back.min_x, -70.65, 1e-7) << uri;
    EXPECT_NEAR(back.min_y, -33.45, 1e-7) << uri;
  }
  const layers::Crs* wgs84 = layers::find_crs("http://www.opengis.net/def/crs/EPSG/0/4326");
  ASSERT_NE(wgs84, nullptr);
  EXPECT_TRUE(wgs84->lat_first);
  EXPECT_EQ(layers::find_crs("[EPSG:3857]"), layers::find_crs("http://www.opengis.net/def/crs/EPSG/0/3857"));
  EXPECT_EQ(layers::find_crs("http://www.opengis.net/def/crs/EPSG/0/9999"), nullptr);
  std::string out;
  geo::CoordinateFormat fmt{layers::kMetrePrecision, layers::transform_from_crs84(*layers::find_crs("EPSG:3857")), false};
  geo::append_geojson_geometry(out, geo::Geometry::point(0, 0), fmt);
  EXPECT_EQ(out, "{\"type\":\"Point\",\"coordinates\":[0,0]}");
  out.clear();
  geo::append_geojson_geometry(out, geo::Geometry::point(-70.123456789, -33.5), geo::CoordinateFormat{});
  EXPECT_EQ(out, "{\"type\":\"Point\",\"coordinates\":[-70.123457,-33.5]}");
}

TEST(Collections, DownloadsReadBackWithGdal) {
  const auto& c = coll("communes");
  layers::FeatureQuery q;
  q.limit = layers::kMaxLimit;
  const auto page = layers::query_features(c, q);
  std::vector<std::size_t> fields;
  for (std::size_t k = 0; k < c.fields.size(); ++k) fields.push_back(k);
  for (auto [format, ext] : {std::pair{layers::ExportFormat::gpkg, ".gpkg"}, std::pair{layers::ExportFormat::fgb, ".fgb"},
                             std::pair{layers::ExportFormat::csv, ".csv"}}) {
    const std::string path = ::testing::TempDir() + "communes_export" + ext;
    std::remove(path.c_str());
    EXPECT_EQ(layers::export_features(c, page.features, fields, format, layers::crs84(), path), 345u) << ext;
    auto ds = geo::Dataset::open_vector(path);
    auto layer = ds.layer(0);
    EXPECT_EQ(layer.feature_count(), 345) << ext;
    std::set<std::string> names;
    for (auto n : layer.field_names()) names.insert(n);
    EXPECT_TRUE(names.count("region_name") && names.count("population") && names.count("initiatives")) << ext;
  }
}

}  // namespace
