#include "layers/store/store.h"

#include <sys/stat.h>

#include "geo/error.h"
#include "layers/errors.h"
#include "layers/store/postgres_store.h"
#include "layers/store/spatialite_store.h"

namespace layers {

bool Store::is_postgres(const std::string& locator) {
  return locator.starts_with("postgresql://") || locator.starts_with("postgres://");
}

std::string Store::shown(const std::string& locator) {
  if (!is_postgres(locator)) return locator;
  // postgresql://user:secret@host/db -> postgresql://user@host/db
  const std::size_t scheme = locator.find("://") + 3;
  const std::size_t at = locator.find('@', scheme);
  const std::size_t colon = locator.find(':', scheme);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return locator;
  return locator.substr(0, colon) + locator.substr(at);
}

std::unique_ptr<Store> Store::open(const std::string& locator, Access access) {
  if (is_postgres(locator)) return std::make_unique<PostgresStore>(locator, access);
  if (!SpatialiteStore::exists(locator)) throw DataError("store '" + locator + "' does not exist");
  return std::make_unique<SpatialiteStore>(locator, access);
}

bool Store::exists(const std::string& locator) {
  return is_postgres(locator) ? PostgresStore::exists(locator) : SpatialiteStore::exists(locator);
}

void Store::remove(const std::string& locator) {
  if (is_postgres(locator)) PostgresStore::remove(locator);
  else SpatialiteStore::remove(locator);
}

std::unique_ptr<Store> Store::create(const std::string& locator) {
  if (exists(locator)) throw DataError("store '" + shown(locator) + "' already exists");
  if (is_postgres(locator)) return std::make_unique<PostgresStore>(locator, Access::write, true);
  return std::make_unique<SpatialiteStore>(locator, Access::write, true);
}

std::uint64_t Store::identity(const std::string& locator) {
  if (is_postgres(locator)) return 0;
  struct stat st {};
  return ::stat(locator.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_ino) : 0;
}

Store::~Store() = default;

Store::Transaction::Transaction(Store& store) : store_(store), depth_(store.depth_) {
  if (depth_ == 0) store_.begin();
  else store_.savepoint("nested" + std::to_string(depth_));
  ++store_.depth_;
}

Store::Transaction::~Transaction() {
  if (done_) return;
  --store_.depth_;
  try {
    if (depth_ == 0) store_.rollback();
    else store_.rollback_to("nested" + std::to_string(depth_));
  } catch (...) {
    // A connection that cannot roll back is lost anyway; its transaction
    // ends with it.
  }
}

void Store::Transaction::commit() {
  if (depth_ == 0) store_.commit();
  else store_.release("nested" + std::to_string(depth_));
  done_ = true;
  --store_.depth_;
}

void Store::insert_units(const std::vector<UnitRecord>& units) {
  Transaction tx(*this);
  for (const UnitRecord& r : units) insert_unit(r);
  advance_generation();
  tx.commit();
}

void Store::insert_initiatives(const std::vector<StoredInitiative>& initiatives, std::vector<AuditRow> audit) {
  // Nothing to write: the generation stays, so no ETag or cached tile goes stale.
  if (initiatives.empty()) return;
  Transaction tx(*this);
  const std::int64_t revision = generation() + 1;  // the generation this import produces
  for (const StoredInitiative& s : initiatives) {
    const Initiative& i = s.initiative;
    if (has_initiative(i.id)) throw ImportError(i.id, "an initiative with this id is already in the store");
    try {
      insert_initiative(s, revision);
    } catch (const geo::PgUnavailable&) {
      throw;  // the database went away: not the record's fault
    } catch (const geo::PgBusy&) {
      throw;
    } catch (const geo::Error& e) {
      throw ImportError(i.id, std::string("store rejected the record: ") + e.what());
    }
  }
  for (AuditRow& row : audit) {
    row.generation = revision;
    append_audit(row);
  }
  advance_generation();
  tx.commit();
}

}  // namespace layers
