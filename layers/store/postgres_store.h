#pragma once
// The store in a PostgreSQL database with PostGIS: the Store interface
// over one libpq connection. The tables are those of the SpatiaLite store
// (text keys in the C collation, so rows come back in the same order);
// a write transaction locks the generation row first, so writers of
// several processes take their turns as SQLite's do, and its commit
// notifies channel "territorio" with the new generation. A new store is
// built in one transaction (store_builder): a crash leaves none.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "geo/postgres/pg_connection.h"
#include "layers/store/store.h"

namespace layers {

class PostgresStore final : public Store {
 public:
  // Connects to the database at a postgresql:// URI; `created`: a new store
  // that gets create_schema() (else the schema is checked, and migrated
  // when writable).
  PostgresStore(const std::string& uri, Access access, bool created = false);
  ~PostgresStore() override;

  static bool exists(const std::string& uri);
  // Drops the store's tables (not PostGIS), in one transaction.
  static void remove(const std::string& uri);
  // The channel a commit notifies, with the new generation as payload.
  static constexpr const char* kChannel = "territorio";

  // Makes this connection a listener: LISTEN on kChannel; then wait up to
  // `timeout` for a commit's notification, any process's: the generation
  // it committed, or none when the time passed first. Throws
  // geo::PgUnavailable as soon as the connection is lost.
  void listen();
  std::optional<std::int64_t> wait_commit(std::chrono::milliseconds timeout);

  void create_schema() override;
  std::int64_t generation() override;
  void advance_generation() override;
  std::vector<UnitRecord> load_units(UnitGeometries which) override;
  void insert_unit(const UnitRecord& r) override;
  std::vector<StoredInitiative> read_initiatives(const std::optional<std::string>& only) override;
  std::optional<std::int64_t> revision_of(const std::string& id) override;
  void insert_initiative(const StoredInitiative& s, std::int64_t revision) override;
  bool remove_initiative(const std::string& id) override;
  void append_audit(const AuditRow& row) override;
  std::vector<AuditRow> feature_history(const std::string& feature_id) override;
  std::vector<AuditRow> changes_since(std::int64_t since, std::size_t limit) override;
  std::vector<AuditRow> audit_listing(const std::optional<std::string>& since_time,
                                      const std::optional<std::string>& token_id, std::size_t limit) override;
  std::vector<std::string> region_codes_2018() override;
  void insert_token(const TokenRow& row) override;
  std::vector<TokenRow> tokens() override;
  std::optional<TokenRow> token(const std::string& id) override;
  void revoke_token(const std::string& id, const std::string& time) override;

 protected:
  void begin() override;
  void commit() override;
  void rollback() override;
  void savepoint(const std::string& name) override;
  void release(const std::string& name) override;
  void rollback_to(const std::string& name) override;

 private:
  geo::PgConnection db_;
  bool has_schema_ = false;  // a write transaction locks the generation row
};

}  // namespace layers
