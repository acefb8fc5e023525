#include "layers/store/store_builder.h"

#include <chrono>
#include <filesystem>

#include "layers/access/token.h"
#include "layers/edit/feature_body.h"
#include "layers/store/boundaries.h"
#include "layers/errors.h"
#include "layers/store/importer.h"
#include "layers/store/initiative_source.h"
#include "layers/store/reference_data.h"

namespace layers {

namespace {
ImportReport import_records(Store& store, const Catalog& catalog, const std::string& source, const Progress& progress) {
  const Gazetteer gazetteer = make_gazetteer(catalog);
  const Joiner joiner(catalog, gazetteer);
  ImportReport report;
  auto records = read_initiatives(source);
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

ImportReport build_store(const std::string& data_dir, const std::string& path, const Progress& progress) {
  if (Store::exists(path)) throw DataError("store '" + path + "' already exists");
  const std::string tmp = path + ".building";
  Store::remove(tmp);
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  try {
    const auto rows = read_reference_data(data_dir);
    auto units = build_units(rows, data_dir + "/communes_hires.gpkg", progress);
    ImportReport report;
    {
      auto store = Store::create(tmp);
      store->insert_units(units);
      const Catalog catalog(std::move(units));
      report = import_records(*store, catalog, data_dir + "/initiatives_seed.csv", progress);
    }
    std::filesystem::rename(tmp, path);
    return report;
  } catch (...) {
    Store::remove(tmp);
    throw;
  }
}

ImportReport import_into_store(const std::string& store_path, const std::string& source, const Progress& progress) {
  Store store(store_path, true);
  const Catalog catalog(store.load_units());
  return import_records(store, catalog, source, progress);
}

}  // namespace layers
