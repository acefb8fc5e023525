#include "layers/store/store.h"

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "geo/error.h"
#include "geo/sqlite/sqlite_db.h"
#include "layers/errors.h"
#include "layers/store/store_rows.h"

namespace layers {

namespace {
constexpr int kSchemaVersion = 2;

const char* kSchema = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE divisions(code TEXT PRIMARY KEY, name TEXT NOT NULL, in_force TEXT NOT NULL);
CREATE TABLE units(
  division TEXT NOT NULL REFERENCES divisions(code),
  level TEXT NOT NULL CHECK(level IN ('region','province','commune')),
  code TEXT NOT NULL, name TEXT NOT NULL, parent_code TEXT, former_code TEXT,
  population INTEGER NOT NULL, area_km2 REAL NOT NULL,
  PRIMARY KEY(division, code));
SELECT AddGeometryColumn('units', 'geom', 4326, 'MULTIPOLYGON', 'XY');
SELECT CreateSpatialIndex('units', 'geom');
CREATE TABLE initiatives(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, institution TEXT, institution_type TEXT,
  area TEXT, thematic_field TEXT, scope TEXT, rurality TEXT, contest TEXT, year INTEGER,
  stage TEXT, award TEXT, field_visit INTEGER, region_recorded TEXT, region_recorded_code TEXT,
  footprint_kind TEXT NOT NULL, footprint_division TEXT NOT NULL, footprint_codes TEXT,
  footprint_names TEXT, footprint_level TEXT, footprint_scale TEXT, footprint_basis TEXT,
  attributes TEXT NOT NULL, revision INTEGER NOT NULL DEFAULT 0);
SELECT AddGeometryColumn('initiatives', 'geom', 4326, 'GEOMETRY', 'XY');
CREATE TABLE initiative_units(
  initiative_id TEXT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  division TEXT NOT NULL, level TEXT NOT NULL, code TEXT NOT NULL,
  whole INTEGER NOT NULL, basis TEXT NOT NULL,
  PRIMARY KEY(initiative_id, division, code));
CREATE INDEX initiative_units_by_unit ON initiative_units(division, code);
)SQL";

// Version 2: a revision per record (the generation that wrote it: the
// record's ETag) and the audit trail of every write.
const char* kSchemaV2 = R"SQL(
CREATE TABLE audit(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, generation INTEGER NOT NULL, time TEXT NOT NULL,
  token_id TEXT, token_name TEXT NOT NULL,
  operation TEXT NOT NULL CHECK(operation IN ('create','replace','update','delete','import')),
  feature_id TEXT NOT NULL, before TEXT, after TEXT);
CREATE INDEX audit_by_feature ON audit(feature_id, seq);
CREATE INDEX audit_by_generation ON audit(generation);
)SQL";

int schema_version(geo::Database& db) {
  auto st = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  return st.step() ? static_cast<int>(std::strtol(st.text(0).c_str(), nullptr, 10)) : 0;
}

}  // namespace

namespace {
// A commit appends to the log and syncs it once (the rollback journal
// synced the journal, the file and the journal's removal: four fdatasyncs
// a write), and readers never wait for a writer. synchronous=FULL keeps a
// committed write on disk through a power cut, not just a crash. The mode
// is stored in the file: every later connection uses the log. Temporary
// tables and each write's savepoint journal stay in memory (a file created
// and removed per write otherwise).
void use_write_ahead_log(geo::Database& db) {
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA temp_store = MEMORY");
}
}  // namespace

struct Store::Impl {
  Impl(const std::string& path, geo::Database::Mode mode) : db(path, mode) {}
  geo::Database db;
};

bool Store::exists(const std::string& path) { return std::filesystem::exists(path); }

void Store::remove(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

Store::Store(const std::string& path, bool writable) {
  if (!exists(path)) throw DataError("store '" + path + "' does not exist");
  impl_ = std::make_unique<Impl>(path, writable ? geo::Database::Mode::read_write_create : geo::Database::Mode::read_only);
  geo::Database& db = impl_->db;
  if (writable) use_write_ahead_log(db);
  int version = schema_version(db);
  if (version == 1 && writable) {
    // A store of an earlier release: add what version 2 holds, keep the data.
    geo::Transaction tx(db);
    db.exec("ALTER TABLE initiatives ADD COLUMN revision INTEGER NOT NULL DEFAULT 0");
    db.exec(kSchemaV2);
    db.exec("UPDATE meta SET value = '2' WHERE key = 'schema_version'");
    tx.commit();
    version = 2;
  }
  if (version != kSchemaVersion)
    throw DataError("store '" + path + "' has schema version " + std::to_string(version) + ", this release reads " +
                    std::to_string(kSchemaVersion) + (version < kSchemaVersion ? ": open it once with territorio serve or import to migrate it" : ": rebuild it"));
  db.exec("PRAGMA foreign_keys = ON");
}

Store::Store(const std::string& path, Created) {
  impl_ = std::make_unique<Impl>(path, geo::Database::Mode::read_write_create);
  geo::Database& db = impl_->db;
  use_write_ahead_log(db);
  geo::Transaction tx(db);
  db.exec("SELECT InitSpatialMetadata(0)");
  db.exec(kSchema);
  db.exec(kSchemaV2);
  auto meta = db.prepare("INSERT INTO meta(key, value) VALUES(?, ?)");
  meta.bind(1, std::string_view("schema_version")).bind(2, std::to_string(kSchemaVersion));
  meta.run();
  meta.bind(1, std::string_view("generation")).bind(2, std::string_view("0"));
  meta.run();
  db.exec("INSERT INTO divisions VALUES('2018', 'División político-administrativa 2018 (16 regiones)', '2018-09-06/..'),"
          "('2007', 'División político-administrativa 2007 (15 regiones)', '2007-10-01/2018-09-05')");
  tx.commit();
}

std::unique_ptr<Store> Store::create(const std::string& path) {
  if (exists(path)) throw DataError("store '" + path + "' already exists");
  return std::make_unique<Store>(path, Created{});
}

void Store::insert_units(const std::vector<UnitRecord>& units) {
  geo::Database& db = impl_->db;
  geo::Transaction tx(db);
  auto ins = db.prepare(
      "INSERT INTO units(division, level, code, name, parent_code, former_code, population, area_km2, geom) "
      "VALUES(?,?,?,?,?,?,?,?,GeomFromWKB(?, 4326))");
  for (const UnitRecord& r : units) {
    ins.bind(1, division_name(r.division)).bind(2, level_name(r.unit.level)).bind(3, r.unit.code);
    ins.bind(4, r.unit.name).bind(5, r.unit.parent_code).bind(6, r.former_code);
    ins.bind(7, r.unit.population).bind(8, r.unit.area_km2);
    if (r.geometry) ins.bind_blob(9, r.geometry->to_wkb()); else ins.bind_null(9);
    ins.run();
  }
  advance_generation(db);
  tx.commit();
}

Store::~Store() = default;

std::int64_t Store::generation() {
  auto st = impl_->db.prepare_cached("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'");
  return st.step() ? st.integer(0) : 0;
}

std::vector<UnitRecord> Store::load_units() {
  auto st = impl_->db.prepare(
      "SELECT division, level, code, name, parent_code, former_code, population, area_km2, AsBinary(geom) "
      "FROM units ORDER BY division, code");
  std::vector<UnitRecord> out;
  while (st.step()) {
    UnitRecord r;
    r.division = *parse_division(st.text(0));
    r.unit.level = *parse_level(st.text(1));
    r.unit.code = st.text(2);
    r.unit.name = st.text(3);
    r.unit.parent_code = st.text(4);
    r.former_code = st.text(5);
    r.unit.population = st.integer(6);
    r.unit.area_km2 = st.real(7);
    if (!st.is_null(8)) r.geometry = std::make_shared<const geo::Geometry>(geo::Geometry::from_wkb(st.blob(8)));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<StoredInitiative> Store::load_initiatives() { return read_initiatives(impl_->db, {}); }

geo::Database& Store::database() { return impl_->db; }

void Store::insert_initiatives(const std::vector<StoredInitiative>& initiatives, std::vector<AuditRow> audit) {
  // Nothing to write: the generation stays, so no ETag or cached tile goes stale.
  if (initiatives.empty()) return;
  geo::Database& db = impl_->db;
  geo::Transaction tx(db);
  const std::int64_t revision = generation() + 1;  // the generation this import produces
  auto exists = db.prepare("SELECT 1 FROM initiatives WHERE id = ?");
  InitiativeWriter writer(db);
  for (const StoredInitiative& s : initiatives) {
    const Initiative& i = s.initiative;
    exists.bind(1, i.id);
    const bool dup = exists.step();
    exists.reset();
    if (dup) throw ImportError(i.id, "an initiative with this id is already in the store");
    try {
      writer.insert(s, revision);
    } catch (const geo::SqliteError& e) {
      throw ImportError(i.id, std::string("store rejected the record: ") + e.what());
    }
  }
  for (AuditRow& row : audit) {
    row.generation = revision;
    append_audit(db, row);
  }
  advance_generation(db);
  tx.commit();
}

}  // namespace layers
