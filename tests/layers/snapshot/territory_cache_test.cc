// The territory cache gives back the Territory that was built, part for
// part (every band's coordinates, the neighbours, the texts), and is never
// trusted when it is missing, damaged, truncated, stale or of another
// build: the Territory is then built and the file written again.
#include "layers/snapshot/territory_cache.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "layers/snapshot/registry.h"
#include "layers/snapshot/snapshot.h"
#include "tests/support/temp_dir.h"

namespace {

using layers::Division;
using layers::Level;

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_all(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

class TerritoryCache : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    registry_ = layers::Registry::load(TERRITORIO_TEST_STORE);
    built_ = std::make_shared<const layers::Territory>(registry_->shared_catalog(), std::vector<layers::CensusZone>{});
  }
  static void TearDownTestSuite() {
    built_.reset();
    registry_.reset();
  }
  const layers::Catalog& catalog() const { return registry_->catalog(); }

  // A cache of the built Territory in dir_; its path.
  std::string written() {
    const std::string path = dir_.path("store.sqlite.territory");
    layers::write_territory_cache(path, *built_);
    return path;
  }
  std::optional<layers::TerritoryParts> read(const std::string& path, std::string& why) {
    return layers::read_territory_cache(path, catalog(), built_->boundaries_key(), why);
  }

  inline static std::shared_ptr<const layers::Registry> registry_;
  inline static std::shared_ptr<const layers::Territory> built_;
  test_support::TempDir dir_{"territorio-territory-cache"};
};

void expect_same_polygons(const std::vector<geo::FlatPolygon>& a, const std::vector<geo::FlatPolygon>& b,
                          const std::string& where) {
  ASSERT_EQ(a.size(), b.size()) << where;
  for (std::size_t p = 0; p < a.size(); ++p) {
    ASSERT_EQ(a[p].rings.size(), b[p].rings.size()) << where;
    for (std::size_t r = 0; r < a[p].rings.size(); ++r) EXPECT_EQ(a[p].rings[r], b[p].rings[r]) << where;
  }
}

TEST_F(TerritoryCache, LoadedEqualsBuilt) {
  std::string why;
  auto parts = read(written(), why);
  ASSERT_TRUE(parts) << why;
  const layers::Territory loaded(registry_->shared_catalog(), {}, std::move(*parts), built_->boundaries_key());
  EXPECT_EQ(loaded.boundaries_key(), built_->boundaries_key());

  // Every band of every shape, bit for bit, with its bounds and the index.
  std::size_t vertices = 0;
  for (Level level : {Level::region, Level::province, Level::commune})
    for (Division d : layers::kAllDivisions) {
      const layers::ZoomedPolygons& a = built_->tiles()->units(level, d);
      const layers::ZoomedPolygons& b = loaded.tiles()->units(level, d);
      ASSERT_EQ(a.size(), b.size());
      EXPECT_EQ(built_->tiles()->unit_list(level, d), loaded.tiles()->unit_list(level, d));
      for (int z = 0; z <= layers::kMaxTileZoom; ++z) {
        for (std::size_t i = 0; i < a.size(); ++i) {
          const std::string where = std::string(layers::level_name(level)) + " " + std::to_string(i) + " z" + std::to_string(z);
          expect_same_polygons(a.shape(z, i), b.shape(z, i), where);
          ASSERT_EQ(a.bounds(z, i).size(), b.bounds(z, i).size());
          for (std::size_t k = 0; k < a.bounds(z, i).size(); ++k) {
            EXPECT_EQ(a.bounds(z, i)[k].min_x, b.bounds(z, i)[k].min_x);
            EXPECT_EQ(a.bounds(z, i)[k].max_y, b.bounds(z, i)[k].max_y);
          }
        }
        const geo::Envelope santiago{-7.88e6, -3.98e6, -7.84e6, -3.94e6};
        EXPECT_EQ(a.query(z, santiago), b.query(z, santiago));
        EXPECT_EQ(a.vertex_count(z), b.vertex_count(z));
        vertices += b.vertex_count(z);
      }
    }
  EXPECT_GT(vertices, 100000u);

  // Every unit's neighbours, location and distances.
  std::size_t neighbours = 0;
  for (Division d : layers::kAllDivisions)
    for (Level level : {Level::region, Level::province, Level::commune}) {
      const auto units = catalog().units(d, level);
      for (const layers::Unit* u : units) {
        const auto& a = built_->neighbourhood().neighbours(d, *u);
        const auto& b = loaded.neighbourhood().neighbours(d, *u);
        ASSERT_EQ(a.size(), b.size()) << u->code;
        for (std::size_t k = 0; k < a.size(); ++k) {
          EXPECT_EQ(a[k].unit, b[k].unit) << u->code;
          EXPECT_EQ(a[k].reach, b[k].reach) << u->code;
          EXPECT_EQ(a[k].distance_km, b[k].distance_km) << u->code;
        }
        neighbours += b.size();
        EXPECT_EQ(built_->neighbourhood().location(d, *u), loaded.neighbourhood().location(d, *u)) << u->code;
        for (const layers::Unit* v : units)
          EXPECT_EQ(built_->neighbourhood().distance_km(d, *u, *v), loaded.neighbourhood().distance_km(d, *u, *v));
      }
    }
  EXPECT_GT(neighbours, 1000u);

  // Every boundary's text, and the collections made with them.
  const layers::UnitTexts& a = built_->features().texts();
  const layers::UnitTexts& b = loaded.features().texts();
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [g, text] : a) {
    const auto it = b.find(g);
    ASSERT_NE(it, b.end());
    EXPECT_EQ(*it->second.json, *text.json);
    EXPECT_EQ(it->second.digest, text.digest);
  }
  const layers::CoverageCounts counts(*registry_);
  const auto ca = built_->features().with_counts(counts, {});
  const auto cb = loaded.features().with_counts(counts, {});
  ASSERT_EQ(ca.size(), cb.size());
  for (std::size_t k = 0; k < ca.size(); ++k) {
    EXPECT_EQ(ca[k]->digest, cb[k]->digest) << ca[k]->id;
    ASSERT_EQ(ca[k]->features.size(), cb[k]->features.size());
    for (std::size_t i = 0; i < ca[k]->features.size(); ++i)
      EXPECT_EQ(ca[k]->features[i]->geometry_json, cb[k]->features[i]->geometry_json);
  }
}

TEST_F(TerritoryCache, MissingFileIsNoCache) {
  std::string why;
  EXPECT_FALSE(read(dir_.path("none.territory"), why));
  EXPECT_EQ(why, "no cache");
}

TEST_F(TerritoryCache, TruncatedFilesAreNeverTrusted) {
  const std::string path = written();
  const std::string bytes = read_all(path);
  for (std::size_t size : {std::size_t{0}, std::size_t{5}, std::size_t{8}, std::size_t{12}, std::size_t{40},
                           std::size_t{100}, bytes.size() / 2, bytes.size() - 1}) {
    write_all(path, bytes.substr(0, size));
    std::string why;
    EXPECT_FALSE(read(path, why)) << size;
    EXPECT_FALSE(why.empty());
  }
  write_all(path, bytes + "x");
  std::string why;
  EXPECT_FALSE(read(path, why));
  EXPECT_EQ(why.rfind("damaged", 0), 0u) << why;
}

TEST_F(TerritoryCache, DamagedPayloadIsNeverTrusted) {
  const std::string path = written();
  const std::string bytes = read_all(path);
  // A flipped bit anywhere in the payload: the hash catches it.
  for (std::size_t at : {bytes.size() - 1, bytes.size() / 2, bytes.size() / 3, std::size_t{200}}) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x10);
    write_all(path, damaged);
    std::string why;
    EXPECT_FALSE(read(path, why)) << at;
    EXPECT_EQ(why, "damaged: payload does not match its hash") << at;
  }
  write_all(path, std::string(bytes.size(), '\xff'));
  std::string why;
  EXPECT_FALSE(read(path, why));
  EXPECT_EQ(why, "not a territory cache");
}

TEST_F(TerritoryCache, StaleOrForeignCachesAreNeverTrusted) {
  const std::string path = written();
  std::string why;
  EXPECT_FALSE(layers::read_territory_cache(path, catalog(), built_->boundaries_key() + 1, why));
  EXPECT_EQ(why, "of other boundaries");

  std::string bytes = read_all(path);
  // The program id follows the magic, the format and its length.
  bytes[8 + 4 + 8] = static_cast<char>(bytes[8 + 4 + 8] ^ 0x01);
  write_all(path, bytes);
  EXPECT_FALSE(read(path, why));
  EXPECT_EQ(why, "written by another build of territorio");

  bytes = read_all(written());
  bytes[8] = static_cast<char>(bytes[8] + 1);  // the format
  write_all(path, bytes);
  EXPECT_FALSE(read(path, why));
  EXPECT_EQ(why, "of another format");
}

TEST_F(TerritoryCache, ABadCacheIsRebuiltAndWrittenAgain) {
  const std::string path = written();
  const std::string good = read_all(path);
  write_all(path, good.substr(0, good.size() / 2));
  std::vector<std::string> lines;
  const auto territory = layers::cached_territory(registry_->shared_catalog(), {}, path,
                                                  [&](const std::string& line) { lines.push_back(line); });
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("not used (damaged"), std::string::npos) << lines[0];
  EXPECT_EQ(territory->boundaries_key(), built_->boundaries_key());
  EXPECT_EQ(read_all(path), good) << "written again, the same bytes";

  // And used the next time, silently.
  lines.clear();
  layers::cached_territory(registry_->shared_catalog(), {}, path, [&](const std::string& line) { lines.push_back(line); });
  EXPECT_TRUE(lines.empty());
  // No file is built and written silently; an unwritable place is logged.
  std::filesystem::remove(path);
  layers::cached_territory(registry_->shared_catalog(), {}, path, [&](const std::string& line) { lines.push_back(line); });
  EXPECT_TRUE(lines.empty());
  EXPECT_EQ(read_all(path), good);
  layers::cached_territory(registry_->shared_catalog(), {}, dir_.path("no/such/folder/x.territory"),
                           [&](const std::string& line) { lines.push_back(line); });
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("cannot write the territory cache"), std::string::npos) << lines[0];
}

TEST_F(TerritoryCache, NoCacheForPostgreSQL) {
  EXPECT_EQ(layers::territory_cache_path("var/territorio.sqlite"), "var/territorio.sqlite.territory");
  EXPECT_EQ(layers::territory_cache_path("postgresql://u@localhost:5432/db"), "");
}

TEST_F(TerritoryCache, AReloadOfTheSameBoundariesKeepsTheTerritory) {
  const auto first = layers::Snapshot::load(TERRITORIO_TEST_STORE, {});
  const auto again = layers::Snapshot::load(TERRITORIO_TEST_STORE, {}, *first);
  EXPECT_EQ(again->territory(), first->territory());
  EXPECT_EQ(&again->registry().catalog(), &first->registry().catalog());
  EXPECT_EQ(again->registry().initiatives().size(), first->registry().initiatives().size());
  EXPECT_EQ(again->features().find("communes")->digest, first->features().find("communes")->digest);
}

}  // namespace
