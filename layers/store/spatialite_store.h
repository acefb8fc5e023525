#pragma once
// The store in a SpatiaLite file (SQLite in write-ahead-log mode): the
// Store interface over one connection. A new store is built in a
// temporary file renamed into place (store_builder), so a crash never
// leaves a half-built one.
#include <memory>
#include <string>

#include "geo/sqlite/sqlite_db.h"
#include "geo/sqlite/wal_checkpointer.h"
#include "layers/store/store.h"

namespace layers {

class SpatialiteStore final : public Store {
 public:
  // Opens the file at path; `created`: a new file that gets create_schema().
  SpatialiteStore(const std::string& path, Access access, bool created = false);
  ~SpatialiteStore() override;

  static bool exists(const std::string& path);
  // The file, its write-ahead log and index: a log left beside a new file
  // of the same name would be read as its own.
  static void remove(const std::string& path);

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
  std::function<void()> defer_sync() override;

 protected:
  void begin() override;
  void commit() override;
  void rollback() override;
  void savepoint(const std::string& name) override;
  void release(const std::string& name) override;
  void rollback_to(const std::string& name) override;

 private:
  bool has_tokens_table();
  bool tokens_table_seen_ = false;
  std::string path_;
  geo::Database db_;
  std::unique_ptr<geo::WalCheckpointer> checkpointer_;  // after db_: stopped before it closes
};

}  // namespace layers
