#include "layers/store/postgres_store.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

#include "layers/errors.h"
#include "layers/store/store_rows.h"

namespace layers {

namespace {
// The schema's version on PostgreSQL: that of the SpatiaLite store whose
// tables it holds (2: revisions, the audit trail and tokens; 3: the
// practice sheet of each record).
constexpr int kSchemaVersion = 4;

// The audit trail: in the schema, and added by the migration from 1.
constexpr const char* kAuditSchema = R"SQL(
CREATE TABLE audit(
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, generation BIGINT NOT NULL, time TEXT COLLATE "C" NOT NULL,
  token_id TEXT COLLATE "C", token_name TEXT NOT NULL,
  operation TEXT NOT NULL CHECK(operation IN ('create','replace','update','delete','import')),
  feature_id TEXT COLLATE "C" NOT NULL, before TEXT, after TEXT);
CREATE INDEX audit_by_feature ON audit(feature_id, seq);
CREATE INDEX audit_by_generation ON audit(generation);
)SQL";

// Text keys compare in the C collation, as SQLite's do: ORDER BY gives the
// rows in the same order in both stores, whatever the database's locale.
const std::string kSchema = std::string(R"SQL(
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE meta(key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE divisions(code TEXT COLLATE "C" PRIMARY KEY, name TEXT NOT NULL, in_force TEXT NOT NULL);
CREATE TABLE units(
  division TEXT COLLATE "C" NOT NULL REFERENCES divisions(code),
  level TEXT COLLATE "C" NOT NULL CHECK(level IN ('region','province','commune')),
  code TEXT COLLATE "C" NOT NULL, name TEXT NOT NULL, parent_code TEXT, former_code TEXT,
  population BIGINT NOT NULL, area_km2 DOUBLE PRECISION NOT NULL,
  geom geometry(MultiPolygon, 4326),
  PRIMARY KEY(division, code));
CREATE INDEX units_geom ON units USING gist(geom);
CREATE TABLE initiatives(
  id TEXT COLLATE "C" PRIMARY KEY, name TEXT NOT NULL, institution TEXT, institution_type TEXT,
  area TEXT, thematic_field TEXT, scope TEXT, rurality TEXT, contest TEXT, year BIGINT,
  stage TEXT, award TEXT, field_visit BIGINT, region_recorded TEXT, region_recorded_code TEXT,
  footprint_kind TEXT NOT NULL, footprint_division TEXT NOT NULL, footprint_codes TEXT,
  footprint_names TEXT, footprint_level TEXT, footprint_scale TEXT, footprint_basis TEXT,
  attributes TEXT NOT NULL, revision BIGINT NOT NULL DEFAULT 0,
  geom geometry(Geometry, 4326), sheet TEXT);
CREATE TABLE initiative_units(
  initiative_id TEXT COLLATE "C" NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  division TEXT COLLATE "C" NOT NULL, level TEXT COLLATE "C" NOT NULL, code TEXT COLLATE "C" NOT NULL,
  whole BIGINT NOT NULL, basis TEXT NOT NULL,
  PRIMARY KEY(initiative_id, division, code));
)SQL") + kAuditSchema + R"SQL(
CREATE TABLE tokens(
  id TEXT COLLATE "C" PRIMARY KEY, name TEXT NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('editor', 'admin')),
  regions TEXT NOT NULL, secret_sha256 TEXT NOT NULL, created TEXT COLLATE "C" NOT NULL,
  expires TEXT, revoked TEXT);
INSERT INTO divisions VALUES('2018', 'División político-administrativa 2018 (16 regiones)', '2018-09-06/..'),
  ('2007', 'División político-administrativa 2007 (15 regiones)', '2007-10-01/2018-09-05');
INSERT INTO meta VALUES('generation', '0');
)SQL";

// Steps from each earlier version to the next, applied in one transaction
// by a writable open, as the SpatiaLite store's: 1 had neither revisions
// nor the audit trail, 2 no practice sheets (layers/model/practice_sheet.h:
// one JSON text or NULL, written and read by store_rows.cc).
struct Migration {
  int from;
  std::string sql;
};
const std::vector<Migration> kMigrations = {
    {1, std::string("ALTER TABLE initiatives ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;") + kAuditSchema},
    {2, "ALTER TABLE initiatives ADD COLUMN sheet TEXT"},
    // Nothing reads through this index, and every write paid for it (spatialite_store.cc).
    {3, "DROP INDEX IF EXISTS initiative_units_by_unit"},
};

constexpr const char* kAuditColumns = "SELECT seq, generation, time, token_id, token_name, operation, feature_id";
constexpr const char* kTables = "tokens, audit, initiative_units, initiatives, units, divisions, meta";

std::vector<geo::PgValue> values_of(const std::vector<StoreValue>& values) {
  std::vector<geo::PgValue> out;
  out.reserve(values.size());
  for (const StoreValue& value : values) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) out.push_back(geo::PgValue::null());
          else if constexpr (std::is_same_v<T, Wkb>) out.push_back(geo::PgValue::bytes(std::string(v.bytes.begin(), v.bytes.end())));
          else if constexpr (std::is_same_v<T, std::string>) out.push_back(geo::PgValue::text(v));
          else if constexpr (std::is_same_v<T, double>) out.push_back(geo::PgValue::real(v));
          else out.push_back(geo::PgValue::integer(v));
        },
        value);
  }
  return out;
}

bool has_meta(geo::PgConnection& db) { return db.exec("SELECT to_regclass('meta') IS NOT NULL").text(0, 0) == "t"; }

int schema_version(geo::PgConnection& db) {
  if (!has_meta(db)) return 0;
  const auto r = db.exec("SELECT value FROM meta WHERE key = 'schema_version'");
  return r.rows() ? static_cast<int>(std::strtol(r.text(0, 0).c_str(), nullptr, 10)) : 0;
}

}  // namespace

bool PostgresStore::exists(const std::string& uri) {
  geo::PgConnection db(uri);
  return has_meta(db);
}

void PostgresStore::remove(const std::string& uri) {
  geo::PgConnection db(uri);
  db.exec(std::string("BEGIN; DROP TABLE IF EXISTS ") + kTables + " CASCADE; COMMIT");
}

PostgresStore::PostgresStore(const std::string& uri, Access access, bool created) : db_(uri) {
  if (created) return;
  int version = schema_version(db_);
  if (version == 0) throw DataError("store '" + shown(uri) + "' does not exist: run territorio build --store with it");
  if (version < kSchemaVersion && access == Access::write) {
    Transaction tx(*this);
    db_.exec("LOCK TABLE meta IN EXCLUSIVE MODE");  // one process migrates; the others find it done
    version = schema_version(db_);
    for (const Migration& m : kMigrations)
      if (m.from >= version) db_.exec(m.sql);
    db_.exec("UPDATE meta SET value = '" + std::to_string(kSchemaVersion) + "' WHERE key = 'schema_version'");
    tx.commit();
    version = kSchemaVersion;
  }
  if (version != kSchemaVersion)
    throw DataError("store '" + shown(uri) + "' has schema version " + std::to_string(version) +
                    ", this release reads " + std::to_string(kSchemaVersion) +
                    (version < kSchemaVersion ? ": open it once with territorio serve or import to migrate it"
                                              : ": rebuild it"));
  has_schema_ = true;
}

PostgresStore::~PostgresStore() = default;

void PostgresStore::create_schema() {
  db_.exec(kSchema);
  db_.query("INSERT INTO meta VALUES('schema_version', $1)", {geo::PgValue::integer(kSchemaVersion)});
  has_schema_ = true;
}

void PostgresStore::listen() { db_.listen(kChannel); }

std::optional<std::int64_t> PostgresStore::wait_commit(std::chrono::milliseconds timeout) {
  const auto payload = db_.wait_notification(timeout);
  if (!payload) return std::nullopt;
  return std::strtoll(payload->c_str(), nullptr, 10);
}

void PostgresStore::begin() {
  // Writers take turns on the generation row, as SQLite's BEGIN IMMEDIATE
  // makes them: the generation a write reads stays its own until it commits.
  // begin() opens the outermost transaction, so none is open now: a
  // connection lost in an earlier one (the server restarted) is replaced
  // here, and a write after an outage does not fail for it.
  if (db_.lost()) db_.reconnect();
  db_.exec(has_schema_ ? "BEGIN; SELECT 1 FROM meta WHERE key = 'generation' FOR UPDATE" : "BEGIN");
}

void PostgresStore::commit() {
  // Delivered to listeners when (and only if) the commit succeeds.
  db_.exec(std::string("SELECT pg_notify('") + kChannel + "', value) FROM meta WHERE key = 'generation'; COMMIT");
}

void PostgresStore::rollback() { db_.exec("ROLLBACK"); }
void PostgresStore::savepoint(const std::string& name) { db_.exec("SAVEPOINT " + name); }
void PostgresStore::release(const std::string& name) { db_.exec("RELEASE SAVEPOINT " + name); }
void PostgresStore::rollback_to(const std::string& name) {
  db_.exec("ROLLBACK TO SAVEPOINT " + name + "; RELEASE SAVEPOINT " + name);
}

std::int64_t PostgresStore::generation() {
  const auto r = db_.query("SELECT value::bigint FROM meta WHERE key = 'generation'");
  return r.rows() ? r.integer(0, 0) : 0;
}

void PostgresStore::advance_generation() {
  db_.query("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'generation'");
}

void PostgresStore::insert_unit(const UnitRecord& r) {
  db_.query("INSERT INTO units(division, level, code, name, parent_code, former_code, population, area_km2, geom) "
            "VALUES($1,$2,$3,$4,$5,$6,$7,$8,ST_GeomFromWKB($9, 4326))",
            values_of(unit_values(r)));
}

std::vector<UnitRecord> PostgresStore::load_units(UnitGeometries which) {
  const auto r = db_.query(
      std::string("SELECT division, level, code, name, parent_code, former_code, population, area_km2, ") +
      (which == UnitGeometries::all ? "ST_AsBinary(geom)"
                                    : "CASE WHEN division = '2018' AND level = 'commune' THEN ST_AsBinary(geom) END") +
      " FROM units ORDER BY division, code");
  std::vector<UnitRecord> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(unit_from_row(geo::PgRow(r, i)));
  return out;
}

std::vector<StoredInitiative> PostgresStore::read_initiatives(const std::optional<std::string>& only) {
  std::vector<geo::PgValue> key;
  if (only) key.push_back(geo::PgValue::text(*only));
  const auto r = db_.query(std::string("SELECT ") + kInitiativeColumns +
                               ", ST_AsBinary(geom), footprint_scale, revision, sheet FROM initiatives" +
                               (only ? " WHERE id = $1" : "") + " ORDER BY id",
                           key);
  std::vector<StoredInitiative> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  std::unordered_map<std::string, std::size_t> index;
  for (int i = 0; i < r.rows(); ++i) {
    out.push_back(initiative_from_row(geo::PgRow(r, i)));
    index[out.back().initiative.id] = out.size() - 1;
  }
  const auto us = db_.query("SELECT initiative_id, division, level, code, whole, basis FROM initiative_units" +
                                std::string(only ? " WHERE initiative_id = $1" : "") + " ORDER BY " + kJoinedUnitOrder,
                            key);
  for (int i = 0; i < us.rows(); ++i) {
    auto it = index.find(us.text(i, 0));
    if (it != index.end()) out[it->second].units.push_back(joined_unit_from_row(geo::PgRow(us, i)));
  }
  return out;
}

std::optional<std::int64_t> PostgresStore::revision_of(const std::string& id) {
  const auto r = db_.query("SELECT revision FROM initiatives WHERE id = $1", {geo::PgValue::text(id)});
  if (r.rows() == 0) return std::nullopt;
  return std::stoll(r.text(0, 0));
}

void PostgresStore::insert_initiative(const StoredInitiative& s, std::int64_t revision) {
  db_.query(std::string("INSERT INTO initiatives(") + kInitiativeColumns +
                ", geom, footprint_scale, revision, sheet) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,"
                "$15,$16,$17,$18,$19,$20,$21,$22,ST_GeomFromWKB($23, 4326),$24,$25,$26)",
            values_of(initiative_values(s, revision)));
  for (const auto& row : joined_unit_values(s))
    db_.query("INSERT INTO initiative_units(initiative_id, division, level, code, whole, basis) "
              "VALUES($1,$2,$3,$4,$5,$6)",
              values_of(row));
}

bool PostgresStore::remove_initiative(const std::string& id) {
  // initiative_units goes with it: ON DELETE CASCADE.
  return db_.query("DELETE FROM initiatives WHERE id = $1", {geo::PgValue::text(id)}).affected() > 0;
}

void PostgresStore::append_audit(const AuditRow& row) {
  db_.query("INSERT INTO audit(generation, time, token_id, token_name, operation, feature_id, before, after) "
            "VALUES($1,$2,$3,$4,$5,$6,$7,$8)",
            values_of(audit_values(row)));
}

std::vector<AuditRow> PostgresStore::feature_history(const std::string& feature_id) {
  const auto r = db_.query(std::string(kAuditColumns) +
                               ", before, after FROM audit WHERE feature_id = $1 ORDER BY seq DESC LIMIT $2",
                           {geo::PgValue::text(feature_id), geo::PgValue::integer(kMaxHistory)});
  std::vector<AuditRow> out;
  for (int i = r.rows() - 1; i >= 0; --i) out.push_back(audit_from_row(geo::PgRow(r, i), true));
  return out;
}

std::vector<AuditRow> PostgresStore::changes_since(std::int64_t since, std::size_t limit) {
  const auto r = db_.query(std::string(kAuditColumns) + " FROM audit WHERE generation > $1 ORDER BY seq LIMIT $2",
                           {geo::PgValue::integer(since), geo::PgValue::integer(static_cast<std::int64_t>(limit))});
  std::vector<AuditRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(audit_from_row(geo::PgRow(r, i), false));
  return out;
}

std::vector<AuditRow> PostgresStore::audit_listing(const std::optional<std::string>& since_time,
                                                   const std::optional<std::string>& token_id, std::size_t limit) {
  const auto r = db_.query(std::string(kAuditColumns) +
                               " FROM audit WHERE ($1::text IS NULL OR time >= $1) AND ($2::text IS NULL OR "
                               "token_id = $2) ORDER BY seq LIMIT $3",
                           {since_time ? geo::PgValue::text(*since_time) : geo::PgValue::null(),
                            token_id ? geo::PgValue::text(*token_id) : geo::PgValue::null(),
                            geo::PgValue::integer(static_cast<std::int64_t>(limit))});
  std::vector<AuditRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(audit_from_row(geo::PgRow(r, i), false));
  return out;
}

std::vector<std::string> PostgresStore::region_codes_2018() {
  const auto r = db_.query("SELECT code FROM units WHERE division = '2018' AND level = 'region' ORDER BY code");
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

void PostgresStore::insert_token(const TokenRow& row) {
  db_.query(std::string("INSERT INTO tokens(") + kTokenColumns + ") VALUES($1,$2,$3,$4,$5,$6,$7,$8)",
            values_of(token_values(row)));
}

std::vector<TokenRow> PostgresStore::tokens() {
  const auto r = db_.query(std::string("SELECT ") + kTokenColumns + " FROM tokens ORDER BY created, id");
  std::vector<TokenRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(token_from_row(geo::PgRow(r, i)));
  return out;
}

std::optional<TokenRow> PostgresStore::token(const std::string& id) {
  const auto r = db_.query(std::string("SELECT ") + kTokenColumns + " FROM tokens WHERE id = $1", {geo::PgValue::text(id)});
  if (r.rows() == 0) return std::nullopt;
  return token_from_row(geo::PgRow(r, 0));
}

void PostgresStore::revoke_token(const std::string& id, const std::string& time) {
  db_.query("UPDATE tokens SET revoked = $1 WHERE id = $2 AND revoked IS NULL",
            {geo::PgValue::text(time), geo::PgValue::text(id)});
}

}  // namespace layers
