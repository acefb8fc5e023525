#pragma once
// The SpatiaLite store: units of both divisions with geometry and spatial
// index, divisions, aliases, initiatives and their joined units. Every write
// is one transaction; a first build is written to a temporary file and
// renamed into place, so a crash never leaves a half-built store.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "geo/sqlite/sqlite_db.h"
#include "layers/store/audit_trail.h"
#include "layers/model/catalog.h"
#include "layers/model/initiative.h"

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

// Progress of long work: (done, total, what).
using Progress = std::function<void(std::size_t, std::size_t, const std::string&)>;

class Store {
 public:
  // Builds a new store at path from the bundled data directory (reference
  // tables, commune boundaries, seed initiatives). Fails if path exists.
  static void build(const std::string& data_dir, const std::string& path, const Progress& progress = {});
  static bool exists(const std::string& path);
  // Removes the store file and its write-ahead log and index, if present:
  // a log left beside a new file of the same name would be read as its own.
  static void remove(const std::string& path);
  // Creates an empty store with the schema at path (which must not exist).
  static std::unique_ptr<Store> create(const std::string& path);

  explicit Store(const std::string& path, bool writable = false);
  struct Created {};
  Store(const std::string& path, Created);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  std::vector<UnitRecord> load_units();
  std::vector<StoredInitiative> load_initiatives();
  std::int64_t generation();  // bumped by every committed write

  // Inserts the initiatives in one transaction: all or nothing. Throws
  // ImportError naming the record on a duplicate id. An empty list writes
  // nothing and leaves the generation as it is. The audit rows (one per
  // record) are written in the same transaction, with the new generation.
  void insert_initiatives(const std::vector<StoredInitiative>& initiatives, std::vector<AuditRow> audit = {});
  // The store's connection, for its own parts (edits, audit, tokens).
  geo::Database& database();

  // Inserts the units of both divisions in one transaction.
  void insert_units(const std::vector<UnitRecord>& units);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace layers
