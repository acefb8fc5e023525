#include "layers/store/store_builder.h"

#include <chrono>
#include <filesystem>

#include "layers/access/token.h"
#include "layers/edit/feature_body.h"
#include "layers/store/boundaries.h"
#include "layers/errors.h"
#include "layers/store/importer.h"
#include "layers/store/initiative_source.h"
#include "layers/store/practice_sheets.h"
#include "layers/store/reference_data.h"
#include "layers/store/seed_edition.h"

namespace layers {

namespace {
ImportReport import_records(Store& store, const Catalog& catalog, std::vector<SourceRecord> records,
                            const Progress& progress) {
  const Gazetteer gazetteer = make_gazetteer(catalog);
  const Joiner joiner(catalog, gazetteer);
  ImportReport report;
  auto joined = join_records(joiner, gazetteer, std::move(records), report.notes, progress);
  // Each record's first version in the audit trail, so its history starts here.
  std::vector<AuditRow> audit;
  audit.reserve(joined.size());
  const std::string now = access::utc_timestamp(std::chrono::system_clock::now());
  for (const StoredInitiative& s : joined) {
    AuditRow row;
    row.time = now;
    row.token_name = "territorio import";
    row.operation = "import";
    row.feature_id = s.initiative.id;
    row.after = edit::record_feature_json(s.initiative);
    audit.push_back(std::move(row));
  }
  store.insert_initiatives(joined, std::move(audit));
  report.imported = joined.size();
  return report;
}
}  // namespace

ImportReport build_store(const std::string& data_dir, const std::string& locator, const Progress& progress) {
  if (Store::exists(locator)) throw DataError("store '" + Store::shown(locator) + "' already exists");
  // A file is built beside its place and renamed into it; a database in one
  // transaction. Either way a build that stops midway leaves no store.
  const bool file = !Store::is_postgres(locator);
  const std::string target = file ? locator + ".building" : locator;
  if (file) {
    Store::remove(target);
    const auto parent = std::filesystem::path(locator).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  try {
    const auto rows = read_reference_data(data_dir);
    auto units = build_units(rows, data_dir + "/communes_hires.gpkg", progress);
    ImportReport report;
    {
      auto store = Store::create(target);
      Store::Transaction whole(*store);
      store->create_schema();
      store->insert_units(units);
      const Catalog catalog(std::move(units));
      auto records = read_initiatives(data_dir + "/initiatives_seed.csv");
      apply_practice_sheets(data_dir + "/practice_sheets.csv", records);
      mark_seed_edition(records);
      report = import_records(*store, catalog, std::move(records), progress);
      whole.commit();
    }
    if (file) std::filesystem::rename(target, locator);
    return report;
  } catch (...) {
    if (file) Store::remove(target);
    throw;
  }
}

ImportReport import_into_store(const std::string& locator, const std::string& source, const Progress& progress) {
  auto store = Store::open(locator, Store::Access::write);
  const Catalog catalog(store->load_units());
  return import_records(*store, catalog, read_initiatives(source), progress);
}

}  // namespace layers
