#pragma once
// The rows of one initiative in the store (initiatives + initiative_units):
// the one reader and the one writer of them, shared by the import and the
// edits of single records.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/sqlite/sqlite_db.h"
#include "layers/store/store.h"

namespace layers {

// Adds one to the store's generation, inside the caller's transaction.
void advance_generation(geo::Database& db);

// Every initiative in id order, or the one with id `only` (none if absent).
std::vector<StoredInitiative> read_initiatives(geo::Database& db, const std::optional<std::string>& only);

// Inserts records with their joined units; statements prepared once.
class InitiativeWriter {
 public:
  explicit InitiativeWriter(geo::Database& db);
  // Throws geo::SqliteError when a constraint refuses the row.
  void insert(const StoredInitiative& s, std::int64_t revision);
  // Removes a record and its units; false when there was none.
  bool remove(const std::string& id);

 private:
  geo::Database& db_;
  geo::Statement initiative_, unit_, delete_;
};

}  // namespace layers
