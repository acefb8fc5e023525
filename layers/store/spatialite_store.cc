#include "layers/store/spatialite_store.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <unordered_map>

#include "geo/sqlite/wal_sync.h"
#include "layers/errors.h"
#include "layers/store/store_rows.h"

namespace layers {

namespace {
constexpr int kSchemaVersion = 4;

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

// Version 3: each record's practice sheet (layers/model/practice_sheet.h),
// one JSON text or NULL (store_rows.cc writes and reads it).
const char* kSchemaV3 = "ALTER TABLE initiatives ADD COLUMN sheet TEXT";

// Version 4: no index of initiative_units by unit. Nothing reads through it
// (a snapshot holds every join in memory), and each write put six entries
// on six hot leaves of it: half the pages a write logged (bench/README.md).
const char* kSchemaV4 = "DROP INDEX IF EXISTS initiative_units_by_unit";

// Tokens: created on first use (a store of an earlier release has none).
constexpr const char* kTokenSchema = R"SQL(
CREATE TABLE IF NOT EXISTS tokens(
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('editor', 'admin')),
  regions TEXT NOT NULL,
  secret_sha256 TEXT NOT NULL,
  created TEXT NOT NULL,
  expires TEXT,
  revoked TEXT))SQL";

constexpr const char* kAuditColumns = "SELECT seq, generation, time, token_id, token_name, operation, feature_id";

int schema_version(geo::Database& db) {
  auto st = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  return st.step() ? static_cast<int>(std::strtol(st.text(0).c_str(), nullptr, 10)) : 0;
}

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

geo::Database::Mode mode_of(Store::Access access, bool created) {
  return created || access == Store::Access::write ? geo::Database::Mode::read_write_create
                                                   : geo::Database::Mode::read_only;
}

void bind_all(geo::Statement& st, const std::vector<StoreValue>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const int at = static_cast<int>(i) + 1;
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) st.bind_null(at);
          else if constexpr (std::is_same_v<T, Wkb>) st.bind_blob(at, v.bytes);
          else if constexpr (std::is_same_v<T, std::string>) st.bind(at, std::string_view(v));
          else st.bind(at, v);
        },
        values[i]);
  }
}

}  // namespace

bool SpatialiteStore::exists(const std::string& path) { return std::filesystem::exists(path); }

void SpatialiteStore::remove(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

SpatialiteStore::SpatialiteStore(const std::string& path, Access access, bool created)
    : path_(path),
      db_(path, mode_of(access, created),
          access == Access::tokens ? geo::Database::Extensions::none : geo::Database::Extensions::spatialite) {
  if (created || access == Access::write) use_write_ahead_log(db_);
  if (created) return;
  int version = schema_version(db_);
  if (version >= 1 && version < kSchemaVersion && access == Access::write) {
    // A store of an earlier release: add what each later version holds,
    // keep the data; one transaction, so a failure leaves it as it was.
    geo::Transaction tx(db_);
    if (version < 2) {
      db_.exec("ALTER TABLE initiatives ADD COLUMN revision INTEGER NOT NULL DEFAULT 0");
      db_.exec(kSchemaV2);
    }
    if (version < 3) db_.exec(kSchemaV3);
    if (version < 4) db_.exec(kSchemaV4);
    db_.exec("UPDATE meta SET value = '" + std::to_string(kSchemaVersion) + "' WHERE key = 'schema_version'");
    tx.commit();
    version = kSchemaVersion;
  }
  if (version != kSchemaVersion)
    throw DataError("store '" + path + "' has schema version " + std::to_string(version) + ", this release reads " +
                    std::to_string(kSchemaVersion) +
                    (version < kSchemaVersion ? ": open it once with territorio serve or import to migrate it"
                                              : ": rebuild it"));
  db_.exec("PRAGMA foreign_keys = ON");
}

SpatialiteStore::~SpatialiteStore() = default;

void SpatialiteStore::create_schema() {
  db_.exec("SELECT InitSpatialMetadata(0)");
  db_.exec(kSchema);
  db_.exec(kSchemaV2);
  db_.exec(kSchemaV3);
  auto meta = db_.prepare("INSERT INTO meta(key, value) VALUES(?, ?)");
  meta.bind(1, std::string_view("schema_version")).bind(2, std::to_string(kSchemaVersion));
  meta.run();
  meta.bind(1, std::string_view("generation")).bind(2, std::string_view("0"));
  meta.run();
  db_.exec("INSERT INTO divisions VALUES('2018', 'División político-administrativa 2018 (16 regiones)', '2018-09-06/..'),"
           "('2007', 'División político-administrativa 2007 (15 regiones)', '2007-10-01/2018-09-05')");
  db_.exec("PRAGMA foreign_keys = ON");
}

// A server's log is copied into the file once it holds this many pages
// (40 MB): ten times SQLite's default, so the pages every write touches
// are copied once for ten times as many commits. write_ab (8 clients, 3
// rounds, load 4-5): 1,086/1,220/1,615 -> 1,334/1,347/2,106 writes/s
// against checkpoints at 1,000 pages on the same thread, which gained
// nothing measurable alone.
constexpr int kCheckpointPages = 10000;

// A commit then appends to the log without syncing it (the log keeps the
// file consistent through a crash either way); the syncer flushes the
// log, and with it every commit appended before, once per disk flush.
std::function<void()> SpatialiteStore::defer_sync() {
  db_.exec("PRAGMA synchronous = NORMAL");
  // Checkpoints leave the commits too: a server's writes never wait for one.
  if (!checkpointer_) checkpointer_ = std::make_unique<geo::WalCheckpointer>(path_, db_, kCheckpointPages);
  return [path = path_] { geo::sync_write_ahead_log(path); };
}

// Compiled once per connection: a write's group runs them once per write.
void SpatialiteStore::begin() { db_.prepare_cached("BEGIN IMMEDIATE").run(); }
void SpatialiteStore::commit() { db_.prepare_cached("COMMIT").run(); }
void SpatialiteStore::rollback() { db_.exec("ROLLBACK"); }
void SpatialiteStore::savepoint(const std::string& name) { db_.prepare_cached("SAVEPOINT " + name).run(); }
void SpatialiteStore::release(const std::string& name) { db_.prepare_cached("RELEASE " + name).run(); }
void SpatialiteStore::rollback_to(const std::string& name) { db_.exec("ROLLBACK TO " + name + "; RELEASE " + name); }

std::int64_t SpatialiteStore::generation() {
  auto st = db_.prepare_cached("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'");
  return st.step() ? st.integer(0) : 0;
}

void SpatialiteStore::advance_generation() {
  db_.prepare_cached("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'").run();
}

void SpatialiteStore::insert_unit(const UnitRecord& r) {
  auto ins = db_.prepare_cached(
      "INSERT INTO units(division, level, code, name, parent_code, former_code, population, area_km2, geom) "
      "VALUES(?,?,?,?,?,?,?,?,GeomFromWKB(?, 4326))");
  bind_all(ins, unit_values(r));
  ins.run();
}

std::vector<UnitRecord> SpatialiteStore::load_units(UnitGeometries which) {
  auto st = db_.prepare(std::string("SELECT division, level, code, name, parent_code, former_code, population, area_km2, ") +
                        (which == UnitGeometries::all
                             ? "AsBinary(geom)"
                             : "CASE WHEN division = '2018' AND level = 'commune' THEN AsBinary(geom) END") +
                        " FROM units ORDER BY division, code");
  std::vector<UnitRecord> out;
  while (st.step()) out.push_back(unit_from_row(st));
  return out;
}

std::vector<StoredInitiative> SpatialiteStore::read_initiatives(const std::optional<std::string>& only) {
  auto st = db_.prepare_cached(std::string("SELECT ") + kInitiativeColumns +
                               ", AsBinary(geom), footprint_scale, revision, sheet FROM initiatives" +
                               (only ? " WHERE id = ?" : "") + " ORDER BY id");
  if (only) st.bind(1, *only);
  std::vector<StoredInitiative> out;
  std::unordered_map<std::string, std::size_t> index;
  while (st.step()) {
    out.push_back(initiative_from_row(st));
    index[out.back().initiative.id] = out.size() - 1;
  }
  if (out.empty()) return out;  // a create asks for an id that is not there yet
  auto us = db_.prepare_cached("SELECT initiative_id, division, level, code, whole, basis FROM initiative_units" +
                               std::string(only ? " WHERE initiative_id = ?" : "") + " ORDER BY " + kJoinedUnitOrder);
  if (only) us.bind(1, *only);
  while (us.step()) {
    auto it = index.find(us.text(0));
    if (it != index.end()) out[it->second].units.push_back(joined_unit_from_row(us));
  }
  return out;
}

std::optional<std::int64_t> SpatialiteStore::revision_of(const std::string& id) {
  auto st = db_.prepare_cached("SELECT revision FROM initiatives WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return st.integer(0);
}

void SpatialiteStore::insert_initiative(const StoredInitiative& s, std::int64_t revision) {
  auto ins = db_.prepare_cached(std::string("INSERT INTO initiatives(") + kInitiativeColumns +
                                ", geom, footprint_scale, revision, sheet) "
                                "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,GeomFromWKB(?, 4326),?,?,?)");
  bind_all(ins, initiative_values(s, revision));
  ins.run();
  auto unit = db_.prepare_cached(
      "INSERT INTO initiative_units(initiative_id, division, level, code, whole, basis) VALUES(?,?,?,?,?,?)");
  for (const auto& row : joined_unit_values(s)) {
    bind_all(unit, row);
    unit.run();
  }
}

bool SpatialiteStore::remove_initiative(const std::string& id) {
  // initiative_units goes with it: ON DELETE CASCADE (foreign_keys is on).
  auto del = db_.prepare_cached("DELETE FROM initiatives WHERE id = ?");
  del.bind(1, id);
  del.run();
  return db_.changes() > 0;
}

void SpatialiteStore::append_audit(const AuditRow& row) {
  auto st = db_.prepare_cached(
      "INSERT INTO audit(generation, time, token_id, token_name, operation, feature_id, before, after) "
      "VALUES(?,?,?,?,?,?,?,?)");
  bind_all(st, audit_values(row));
  st.run();
}

std::vector<AuditRow> SpatialiteStore::feature_history(const std::string& feature_id) {
  auto st = db_.prepare(std::string(kAuditColumns) +
                        ", before, after FROM audit WHERE feature_id = ? ORDER BY seq DESC LIMIT ?");
  st.bind(1, feature_id).bind(2, static_cast<std::int64_t>(kMaxHistory));
  std::vector<AuditRow> out;
  while (st.step()) out.push_back(audit_from_row(st, true));
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<AuditRow> SpatialiteStore::changes_since(std::int64_t since, std::size_t limit) {
  auto st = db_.prepare(std::string(kAuditColumns) + " FROM audit WHERE generation > ? ORDER BY seq LIMIT ?");
  st.bind(1, since).bind(2, static_cast<std::int64_t>(limit));
  std::vector<AuditRow> out;
  while (st.step()) out.push_back(audit_from_row(st, false));
  return out;
}

std::vector<AuditRow> SpatialiteStore::audit_listing(const std::optional<std::string>& since_time,
                                                     const std::optional<std::string>& token_id, std::size_t limit) {
  auto st = db_.prepare(std::string(kAuditColumns) +
                        " FROM audit WHERE (?1 IS NULL OR time >= ?1) AND (?2 IS NULL OR token_id = ?2) "
                        "ORDER BY seq LIMIT ?3");
  if (since_time) st.bind(1, *since_time); else st.bind_null(1);
  if (token_id) st.bind(2, *token_id); else st.bind_null(2);
  st.bind(3, static_cast<std::int64_t>(limit));
  std::vector<AuditRow> out;
  while (st.step()) out.push_back(audit_from_row(st, false));
  return out;
}

std::vector<std::string> SpatialiteStore::region_codes_2018() {
  std::vector<std::string> out;
  auto q = db_.prepare("SELECT code FROM units WHERE division = '2018' AND level = 'region' ORDER BY code");
  while (q.step()) out.push_back(q.text(0));
  return out;
}

bool SpatialiteStore::has_tokens_table() {
  auto q = db_.prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tokens'");
  return q.step();
}

void SpatialiteStore::insert_token(const TokenRow& row) {
  db_.exec(kTokenSchema);
  auto insert = db_.prepare(std::string("INSERT INTO tokens(") + kTokenColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  bind_all(insert, token_values(row));
  insert.run();
}

std::vector<TokenRow> SpatialiteStore::tokens() {
  std::vector<TokenRow> out;
  if (!has_tokens_table()) return out;
  auto q = db_.prepare(std::string("SELECT ") + kTokenColumns + " FROM tokens ORDER BY created, id");
  while (q.step()) out.push_back(token_from_row(q));
  return out;
}

std::optional<TokenRow> SpatialiteStore::token(const std::string& id) {
  // Asked on every write: sqlite_master (SpatiaLite's many tables) is
  // scanned until the table is seen once; it is never dropped.
  if (!tokens_table_seen_) tokens_table_seen_ = has_tokens_table();
  if (!tokens_table_seen_) return std::nullopt;
  auto q = db_.prepare_cached(std::string("SELECT ") + kTokenColumns + " FROM tokens WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return token_from_row(q);
}

void SpatialiteStore::revoke_token(const std::string& id, const std::string& time) {
  db_.exec(kTokenSchema);
  auto update = db_.prepare("UPDATE tokens SET revoked = ? WHERE id = ? AND revoked IS NULL");
  update.bind(1, time).bind(2, id);
  update.run();
}

}  // namespace layers
