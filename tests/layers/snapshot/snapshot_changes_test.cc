// A write's snapshot derived from the published one (Snapshot::with_changes)
// answers byte for byte as the snapshot loaded from the store after the same
// write, through a chain of writes that create, replace and delete records
// of every footprint kind and add and drop an attribute column; and it
// shares the boundary part and every untouched feature with the snapshot
// it came from.
#include "layers/snapshot/snapshot.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "geo/sqlite/sqlite_db.h"
#include "geo/tile_math.h"
#include "layers/join/join.h"
#include "layers/store/store.h"
#include "layers/tiles/tiles.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using layers::FootprintKind;
using layers::InitiativeChange;
using layers::Snapshot;
using layers::StoredInitiative;

// A record as the importer makes it: joined by the real joiner.
StoredInitiative record(const layers::Registry& reg, const std::string& id, const std::string& name,
                        layers::Footprint footprint,
                        std::vector<std::pair<std::string, std::string>> extra = {}) {
  StoredInitiative s;
  layers::Initiative& in = s.initiative;
  in.id = id;
  in.name = name;
  in.institution = "Municipalidad de prueba";
  in.area = "Social";
  in.stage = "finalizada";
  in.year = 2016;
  in.attributes = {{"id", id}, {"name", name}};
  for (auto& kv : extra) in.attributes.push_back(std::move(kv));
  if (footprint.kind != FootprintKind::unknown) {
    const layers::JoinResult j = layers::Joiner(reg.catalog(), reg.gazetteer()).join(footprint, id);
    s.units = j.units;
    s.footprint_scale = j.scale;
  }
  in.footprint = std::move(footprint);
  return s;
}

layers::Footprint codes(std::vector<std::string> list) {
  layers::Footprint f;
  f.kind = FootprintKind::codes;
  f.codes = std::move(list);
  return f;
}

layers::Footprint names(std::vector<std::string> list, layers::Level level) {
  layers::Footprint f;
  f.kind = FootprintKind::names;
  f.names = std::move(list);
  f.names_level = level;
  return f;
}

layers::Footprint geometry(FootprintKind kind, const std::string& wkt) {
  layers::Footprint f;
  f.kind = kind;
  f.geometry = geo::Geometry::from_wkt(wkt);
  return f;
}

class SnapshotChanges : public ::testing::Test {
 protected:
  SnapshotChanges() : dir_("territorio-snapshot-changes"), store_(dir_.path("s.sqlite")) {
    fs::copy_file(TERRITORIO_TEST_STORE, store_);
    published_ = Snapshot::load(store_, {});
  }

  // Commits the changes to the store as a write does (old versions out, new
  // ones in, one generation more), then derives the next snapshot from the
  // published one and loads the store, and checks they agree.
  void write(const std::vector<InitiativeChange>& changes) {
    {
      geo::Database db(store_, geo::Database::Mode::read_write_create);
      geo::Transaction tx(db);
      auto units = db.prepare("DELETE FROM initiative_units WHERE initiative_id = ?");
      auto rows = db.prepare("DELETE FROM initiatives WHERE id = ?");
      for (const InitiativeChange& c : changes) {
        units.bind(1, c.id).run();
        rows.bind(1, c.id).run();
      }
      db.exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'");
      tx.commit();
    }
    std::vector<StoredInitiative> written;
    for (const InitiativeChange& c : changes)
      if (c.after) written.push_back(layers::copy_record(*c.after));
    const auto store = layers::Store::open(store_, layers::Store::Access::write);
    store->insert_initiatives(written);  // one generation more again
    const std::int64_t generation = store->generation();

    const auto derived = Snapshot::with_changes(*published_, changes, generation);
    ASSERT_TRUE(derived);
    const auto loaded = Snapshot::load(store_, {});
    expect_same(*derived, *loaded);
    EXPECT_EQ(derived->territory(), published_->territory()) << "the boundary part is shared";
    EXPECT_EQ(&derived->registry().catalog(), &published_->registry().catalog());
    EXPECT_EQ(derived->features().find("census-zones"), published_->features().find("census-zones"));
    EXPECT_EQ(&derived->tileset().units(layers::Level::commune, layers::Division::d2018),
              &published_->tileset().units(layers::Level::commune, layers::Division::d2018));
    previous_ = published_;
    published_ = derived;
  }

  static void expect_same(const Snapshot& a, const Snapshot& b) {
    EXPECT_EQ(a.generation(), b.generation());
    ASSERT_EQ(a.registry().initiatives().size(), b.registry().initiatives().size());
    for (std::size_t i = 0; i < a.registry().initiatives().size(); ++i) {
      const StoredInitiative& x = a.registry().initiatives()[i];
      const StoredInitiative& y = b.registry().initiatives()[i];
      EXPECT_EQ(x.initiative.id, y.initiative.id);
      EXPECT_EQ(x.revision, y.revision) << x.initiative.id;
      EXPECT_EQ(x.units.size(), y.units.size()) << x.initiative.id;
    }
    EXPECT_EQ(a.features().fingerprint(), b.features().fingerprint());
    EXPECT_EQ(a.features().generation(), b.features().generation());
    ASSERT_EQ(a.features().collections().size(), b.features().collections().size());
    for (std::size_t k = 0; k < a.features().collections().size(); ++k) {
      const layers::Collection& x = *a.features().collections()[k];
      const layers::Collection& y = *b.features().collections()[k];
      EXPECT_EQ(x.id, y.id);
      ASSERT_EQ(x.fields.size(), y.fields.size()) << x.id;
      for (std::size_t f = 0; f < x.fields.size(); ++f) EXPECT_EQ(x.fields[f].name, y.fields[f].name) << x.id;
      ASSERT_EQ(x.features.size(), y.features.size()) << x.id;
      for (std::size_t i = 0; i < x.features.size(); ++i) {
        EXPECT_EQ(x.features[i]->id, y.features[i]->id) << x.id;
        EXPECT_EQ(x.features[i]->geometry_json, y.features[i]->geometry_json) << x.id << " " << x.features[i]->id;
        EXPECT_EQ(x.features[i]->properties_json, y.features[i]->properties_json) << x.id << " " << x.features[i]->id;
        EXPECT_EQ(x.features[i]->year, y.features[i]->year);
      }
      EXPECT_EQ(x.spatial.size(), y.spatial.size()) << x.id;
      EXPECT_EQ(x.digest, y.digest) << x.id;
      // The box index finds the same features, however it was updated.
      for (const geo::Envelope box : {geo::Envelope{-71.7, -33.1, -71.5, -32.9}, geo::Envelope{-70.7, -33.5, -70.5, -33.4},
                                      geo::Envelope{-74, -38, -72, -36}, geo::Envelope{-110, -60, -60, -15}}) {
        std::vector<std::size_t> p, q;
        x.spatial.query(box, [&](std::size_t i) { p.push_back(i); });
        y.spatial.query(box, [&](std::size_t i) { q.push_back(i); });
        std::sort(p.begin(), p.end());
        std::sort(q.begin(), q.end());
        EXPECT_EQ(p, q) << x.id;
      }
      EXPECT_EQ(x.extent.has_value(), y.extent.has_value()) << x.id;
      if (x.extent && y.extent) {
        EXPECT_EQ(x.extent->min_x, y.extent->min_x) << x.id;
        EXPECT_EQ(x.extent->min_y, y.extent->min_y) << x.id;
        EXPECT_EQ(x.extent->max_x, y.extent->max_x) << x.id;
        EXPECT_EQ(x.extent->max_y, y.extent->max_y) << x.id;
      }
      EXPECT_EQ(x.years, y.years) << x.id;
    }
    // Tiles: the points, and every record's footprint shape at every zoom.
    const layers::TileSet& s = a.tileset();
    const layers::TileSet& t = b.tileset();
    EXPECT_EQ(s.initiative_points(), t.initiative_points());
    ASSERT_EQ(s.footprints().size(), t.footprints().size());
    for (std::size_t k = 0; k < s.footprints().size(); ++k) {
      EXPECT_EQ(s.footprint_owners(k), t.footprint_owners(k)) << k;
      for (int z = 0; z <= layers::kMaxSimplifiedZoom; ++z) {
        const auto& p = s.footprints().shape(z, k);
        const auto& q = t.footprints().shape(z, k);
        ASSERT_EQ(p.size(), q.size()) << "shape " << k << " zoom " << z;
        for (std::size_t m = 0; m < p.size(); ++m) EXPECT_EQ(p[m].rings, q[m].rings) << k << " " << z;
      }
    }
    // Statistics of every level and division, unfiltered and filtered.
    layers::InitiativeFilter social;
    social.area = {"Social"};
    for (layers::Level level : {layers::Level::region, layers::Level::province, layers::Level::commune})
      for (layers::Division d : layers::kAllDivisions)
        for (const layers::InitiativeFilter& filter : {layers::InitiativeFilter{}, social}) {
          const auto x = a.unit_stats(level, d, filter), y = b.unit_stats(level, d, filter);
          ASSERT_EQ(x->size(), y->size());
          for (std::size_t i = 0; i < x->size(); ++i) {
            EXPECT_EQ((*x)[i].initiatives, (*y)[i].initiatives) << i;
            EXPECT_EQ((*x)[i].per_100k, (*y)[i].per_100k) << i;
            EXPECT_EQ((*x)[i].covered, (*y)[i].covered) << i;
          }
        }
    // Whole tiles, end to end: Santiago at zoom 6 and 11, every layer.
    for (const geo::TileId tile : {geo::TileId{6, 19, 38}, geo::TileId{11, 615, 1233}}) {
      layers::TileQuery q;
      q.layer = layers::TileLayer::territorio;
      q.tile = tile;
      const auto stats = [](const Snapshot& snap) -> layers::StatsLookup {
        return [&snap](layers::Level l, layers::Division d) { return snap.unit_stats(l, d, {}); };
      };
      EXPECT_EQ(layers::build_vector_tile(s, a.registry(), q, stats(a)).bytes,
                layers::build_vector_tile(t, b.registry(), q, stats(b)).bytes)
          << tile.z;
    }
  }

  const layers::Registry& reg() const { return published_->registry(); }
  const layers::PublishedFeature* feature(const Snapshot& s, const std::string& id) const {
    return s.features().find("initiatives")->find(id);
  }

  test_support::TempDir dir_;
  std::string store_;
  std::shared_ptr<const Snapshot> published_, previous_;
};

TEST_F(SnapshotChanges, EveryFootprintKindCreatedReplacedAndDeletedAnswersAsALoad) {
  // Codes: one commune (borrows the unit's geometry), two communes
  // (dissolved), a region; ids before, between and after the fixture's.
  std::vector<InitiativeChange> w1;
  w1.push_back({"000", record(reg(), "000", "Una comuna", codes({"13101"}))});
  w1.push_back({"2a", record(reg(), "2a", "Dos comunas", codes({"13101", "13102"}))});
  w1.push_back({"zz", record(reg(), "zz", "Una región", codes({"08"}))});
  write(w1);
  // Records the write did not touch keep their feature object.
  EXPECT_EQ(feature(*published_, "57"), feature(*previous_, "57"));

  // Names, a point, points, a polygon, none; one brings a new attribute column.
  std::vector<InitiativeChange> w2;
  w2.push_back({"n1", record(reg(), "n1", "Por nombre", names({"Valparaíso"}, layers::Level::commune))});
  w2.push_back({"p1", record(reg(), "p1", "En un punto", geometry(FootprintKind::points, "POINT (-70.65 -33.45)"),
                             {{"nueva_columna", "sí"}})});
  w2.push_back({"p2", record(reg(), "p2", "En puntos",
                             geometry(FootprintKind::points, "MULTIPOINT ((-71.62 -33.04), (-73.05 -36.82))"))});
  w2.push_back({"q1", record(reg(), "q1", "En un polígono",
                             geometry(FootprintKind::polygons,
                                      "POLYGON ((-70.70 -33.50, -70.60 -33.50, -70.60 -33.40, -70.70 -33.40, -70.70 -33.50))"))});
  w2.push_back({"u1", record(reg(), "u1", "Sin lugar", {})});
  // Two columns, first seen as col_a then col_b.
  w2.push_back({"10a", record(reg(), "10a", "Columna a", codes({"05101"}), {{"col_a", "1"}})});
  w2.push_back({"10b", record(reg(), "10b", "Columnas b y a", codes({"05101"}), {{"col_b", "2"}, {"col_a", "3"}})});
  write(w2);
  EXPECT_TRUE(published_->features().find("initiatives")->field_index("nueva_columna"));
  EXPECT_NE(feature(*published_, "57"), feature(*previous_, "57")) << "a new column: every feature gets it";
  EXPECT_LT(published_->features().find("initiatives")->field_index("col_a"),
            published_->features().find("initiatives")->field_index("col_b"));

  // Replace the first carrier of every column (126) with a record without
  // annex_order and another footprint, and a code record with a polygon.
  std::vector<InitiativeChange> w3;
  w3.push_back({"10a", record(reg(), "10a", "Sin columnas", codes({"05101"}))});  // now col_b comes first
  w3.push_back({"126", record(reg(), "126", "Reemplazada", names({"Chillán"}, layers::Level::commune))});
  w3.push_back({"393", record(reg(), "393", "Ahora un polígono",
                              geometry(FootprintKind::polygons,
                                       "POLYGON ((-73.1 -36.9, -72.9 -36.9, -72.9 -36.7, -73.1 -36.7, -73.1 -36.9))"),
                              {{"annex_order", "99"}})});
  write(w3);
  EXPECT_LT(published_->features().find("initiatives")->field_index("col_b"),
            published_->features().find("initiatives")->field_index("col_a"));

  // Delete the only carrier of the new column, a fixture record, a record
  // sharing a dissolved shape and one that is absent; create on the same
  // communes as a deleted one.
  std::vector<InitiativeChange> w4;
  w4.push_back({"p1", std::nullopt});
  w4.push_back({"92", std::nullopt});
  w4.push_back({"2a", std::nullopt});
  w4.push_back({"absent", std::nullopt});
  w4.push_back({"2b", record(reg(), "2b", "Las mismas dos comunas", codes({"13102", "13101"}))});
  write(w4);
  EXPECT_FALSE(published_->features().find("initiatives")->field_index("nueva_columna"));

  // A write that changes only attributes: shapes and unit counts stay shared.
  std::vector<InitiativeChange> w5;
  w5.push_back({"zz", record(reg(), "zz", "Una región, otro nombre", codes({"08"}))});
  write(w5);
  EXPECT_EQ(&published_->tileset().footprints(), &previous_->tileset().footprints());
  EXPECT_EQ(published_->unit_stats(layers::Level::region, layers::Division::d2018, {}),
            previous_->unit_stats(layers::Level::region, layers::Division::d2018, {}));
  EXPECT_EQ(published_->features().find("regions"), previous_->features().find("regions"));
}

// The extent and the years of initiatives follow the records that make
// their bounds: kept when a write keeps a bound (the same year, a point
// moved inside), shrunk when it takes the only record that made one.
TEST_F(SnapshotChanges, ExtentAndYearsFollowTheRecordsThatMakeTheirBounds) {
  const auto dated = [&](const std::string& id, int year, const std::string& wkt) {
    StoredInitiative s = record(reg(), id, "Con año " + std::to_string(year), geometry(FootprintKind::points, wkt));
    s.initiative.year = year;
    return s;
  };
  const auto initiatives = [&] { return published_->features().find("initiatives"); };
  std::vector<InitiativeChange> w1;
  w1.push_back({"early", dated("early", 2001, "POINT (-70.65 -33.45)")});
  w1.push_back({"late", dated("late", 2031, "POINT (-71.62 -33.04)")});
  w1.push_back({"south", dated("south", 2016, "POINT (-70.91 -53.16)")});  // Punta Arenas
  write(w1);
  EXPECT_EQ(initiatives()->years, std::make_pair(2001, 2031));
  EXPECT_EQ(initiatives()->extent->min_y, -53.16);

  // The same years, the southern point moved south: both bounds kept or grown.
  std::vector<InitiativeChange> w2;
  w2.push_back({"late", dated("late", 2031, "POINT (-73.05 -36.82)")});
  w2.push_back({"south", dated("south", 2016, "POINT (-67.61 -54.93)")});  // Puerto Williams
  write(w2);
  EXPECT_EQ(initiatives()->years, std::make_pair(2001, 2031));
  EXPECT_EQ(initiatives()->extent->min_y, -54.93);

  // The southern point moved north, the earliest record later, the latest gone.
  std::vector<InitiativeChange> w3;
  w3.push_back({"south", dated("south", 2016, "POINT (-70.91 -53.16)")});
  w3.push_back({"early", dated("early", 2016, "POINT (-70.65 -33.45)")});
  w3.push_back({"late", std::nullopt});
  write(w3);
  EXPECT_EQ(initiatives()->extent->min_y, -53.16);
  EXPECT_EQ(initiatives()->years, std::make_pair(2016, 2016));
}

TEST_F(SnapshotChanges, TheSameIdTwiceInOneWriteKeepsTheLast) {
  std::vector<InitiativeChange> w;
  w.push_back({"x1", record(reg(), "x1", "Primera", codes({"05101"}))});
  w.push_back({"x1", record(reg(), "x1", "Segunda", codes({"05102"}))});
  // The store holds the last version only: write it alone there.
  const auto derived = Snapshot::with_changes(*published_, w, published_->generation() + 1);
  ASSERT_TRUE(derived);
  EXPECT_EQ(derived->registry().initiatives().find("x1")->initiative.name, "Segunda");
  EXPECT_EQ(derived->registry().initiatives().size(), 30u);
  std::vector<InitiativeChange> last;
  last.push_back({"x1", record(reg(), "x1", "Segunda", codes({"05102"}))});
  write(last);
}

}  // namespace
