#pragma once
// The store: units of both divisions with geometry, divisions, initiatives
// and their joined units, the audit trail, tokens and the generation. One
// interface with two implementations, chosen by the locator: a SpatiaLite
// file (a path) or a PostgreSQL/PostGIS database (a postgresql:// URI).
// Every write is one transaction (Store::Transaction; one begun inside
// another is a savepoint of it); geometries travel as WKB both ways, so
// both stores give back the same records.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "layers/model/catalog.h"
#include "layers/model/initiative.h"
#include "layers/store/audit_trail.h"

namespace layers {

struct StoredInitiative {
  Initiative initiative;
  std::string region_recorded_code;  // the recorded region resolved in the 2007 division
  std::vector<JoinedUnit> units;
  std::optional<Level> footprint_scale;  // see JoinResult::scale
  // The generation whose write stored this version of the record: its
  // weak ETag, and the version named in its history.
  std::int64_t revision = 0;
};

// A token as stored: plain text columns (access/ gives them meaning).
struct TokenRow {
  std::string id, name, role;
  std::string regions;  // comma-separated 2018 region codes
  std::string created;
  std::optional<std::string> expires, revoked;
  std::string secret_sha256;
};

// Progress of long work: (done, total, what).
using Progress = std::function<void(std::size_t, std::size_t, const std::string&)>;

class Store {
 public:
  enum class Access {
    read,
    write,   // migrates a store of an earlier schema version
    tokens,  // reading tables without geometry: SpatiaLite's functions are not loaded
  };
  // A postgresql:// (or postgres://) URI; anything else is a file path.
  static bool is_postgres(const std::string& locator);
  // The locator without a password, for messages and logs.
  static std::string shown(const std::string& locator);
  // Opens an existing store. Throws DataError when there is none, or when
  // its schema is of another version (an older one is migrated by write).
  static std::unique_ptr<Store> open(const std::string& locator, Access access = Access::read);
  // Whether a store (with its schema) is at locator.
  static bool exists(const std::string& locator);
  // Removes the store: the file with its log, or the tables of the database.
  static void remove(const std::string& locator);
  // A connection to locator where a new store will be: create_schema()
  // next. A file must not exist yet; a database must hold no store.
  static std::unique_ptr<Store> create(const std::string& locator);
  // What the editor and the token reader compare to notice a store
  // replaced under its locator (a file's inode; a database: always 0).
  static std::uint64_t identity(const std::string& locator);

  virtual ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Rolls back on destruction unless committed. Begun while another is
  // open, it is a savepoint of that one: undone alone, kept only if the
  // outer one commits.
  class Transaction {
   public:
    explicit Transaction(Store& store);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

   private:
    Store& store_;
    int depth_;  // 0: the transaction; above: a savepoint
    bool done_ = false;
  };

  // The schema and the divisions, on a store from create().
  virtual void create_schema() = 0;

  virtual std::int64_t generation() = 0;  // bumped by every committed write
  // Adds one to the generation, inside the caller's transaction.
  virtual void advance_generation() = 0;

  // Units of both divisions, by division and code; with communes_2018, only
  // the 2018 communes carry their geometry (all a join of points and
  // polygons reads: a fifth of the bytes to decode).
  enum class UnitGeometries { all, communes_2018 };
  virtual std::vector<UnitRecord> load_units(UnitGeometries which = UnitGeometries::all) = 0;
  // Inserts the units of both divisions in one transaction.
  void insert_units(const std::vector<UnitRecord>& units);
  // One unit, inside the caller's transaction.
  virtual void insert_unit(const UnitRecord& r) = 0;

  // Every initiative in id order, or the one with id `only` (none if absent).
  virtual std::vector<StoredInitiative> read_initiatives(const std::optional<std::string>& only) = 0;
  std::vector<StoredInitiative> load_initiatives() { return read_initiatives(std::nullopt); }
  // The revision of the stored record, none if absent: a write prepared
  // against a snapshot checks by it that the record is still that one.
  virtual std::optional<std::int64_t> revision_of(const std::string& id) = 0;
  bool has_initiative(const std::string& id) { return revision_of(id).has_value(); }
  // One record with its joined units, inside the caller's transaction;
  // throws geo::Error when a constraint refuses it.
  virtual void insert_initiative(const StoredInitiative& s, std::int64_t revision) = 0;
  // Removes a record and its units; false when there was none.
  virtual bool remove_initiative(const std::string& id) = 0;
  // Inserts the initiatives in one transaction: all or nothing. Throws
  // ImportError naming the record on a duplicate id. An empty list writes
  // nothing and leaves the generation as it is. The audit rows (one per
  // record) are written in the same transaction, with the new generation.
  void insert_initiatives(const std::vector<StoredInitiative>& initiatives, std::vector<AuditRow> audit = {});

  // The audit trail (see audit_trail.h for the readers' limits).
  virtual void append_audit(const AuditRow& row) = 0;
  // Every row of one record, oldest first (the newest kMaxHistory).
  virtual std::vector<AuditRow> feature_history(const std::string& feature_id) = 0;
  // Rows of generations above `since`, oldest first, at most `limit`,
  // without the before/after texts.
  virtual std::vector<AuditRow> changes_since(std::int64_t since, std::size_t limit) = 0;
  // Rows for operators: from a time on (UTC prefix compare: "2026-12-06"
  // works) and/or of one token; oldest first; without before/after.
  virtual std::vector<AuditRow> audit_listing(const std::optional<std::string>& since_time,
                                              const std::optional<std::string>& token_id, std::size_t limit) = 0;

  // Tokens; each change is the caller's transaction.
  virtual std::vector<std::string> region_codes_2018() = 0;
  virtual void insert_token(const TokenRow& row) = 0;
  virtual std::vector<TokenRow> tokens() = 0;  // oldest first
  virtual std::optional<TokenRow> token(const std::string& id) = 0;
  // Sets revoked where it is not set yet.
  virtual void revoke_token(const std::string& id, const std::string& time) = 0;

  // Splits a commit's durability from the commit, for group commit: from
  // now on a commit on this connection may return before it is on disk,
  // and the function returned makes every commit that returned before it
  // was called durable. It may be called from any thread, while commits go
  // on and after this Store is gone; it throws std::system_error when the
  // disk fails. Empty where every commit is durable when it returns
  // (PostgreSQL, with synchronous_commit on).
  virtual std::function<void()> defer_sync() { return {}; }

 protected:
  Store() = default;
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual void savepoint(const std::string& name) = 0;
  virtual void release(const std::string& name) = 0;
  virtual void rollback_to(const std::string& name) = 0;

 private:
  int depth_ = 0;  // open transactions: 1 the outermost, above it savepoints
};

}  // namespace layers
