// Editor::import: the bulk write, `territorio import` over HTTP.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "geo/error.h"
#include "layers/access/scope.h"
#include "layers/store/audit_trail.h"
#include "layers/edit/editor.h"
#include "layers/edit/feature_body.h"
#include "layers/errors.h"
#include "layers/store/importer.h"
#include "layers/store/initiative_source.h"

namespace layers::edit {

namespace {

const char* file_name(ImportFormat f) {
  switch (f) {
    case ImportFormat::csv: return "upload.csv";
    case ImportFormat::geojson: return "upload.geojson";
    case ImportFormat::geopackage: return "upload.gpkg";
  }
  return "upload";
}

// The body as a file of its own in a private directory, removed afterwards:
// the import's readers (GDAL, and the CSV structure check) take a path.
class UploadFile {
 public:
  UploadFile(const ImportInput& input) {
    std::string pattern = (std::filesystem::temp_directory_path() / "territorio-import-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a directory for an import");
    dir_ = pattern;
    path_ = (dir_ / file_name(input.format)).string();
    std::ofstream out(path_, std::ios::binary);
    out.write(input.body.data(), static_cast<std::streamsize>(input.body.size()));
    if (!out.flush()) throw std::runtime_error("cannot write an import's body to " + path_);
  }
  ~UploadFile() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  UploadFile(const UploadFile&) = delete;
  UploadFile& operator=(const UploadFile&) = delete;
  const std::string& path() const { return path_; }
  // A reader's message with the private path replaced by the file's name.
  std::string shown(std::string message) const {
    for (auto at = message.find(dir_.string()); at != std::string::npos; at = message.find(dir_.string()))
      message.erase(at, dir_.string().size() + 1);
    return message;
  }

 private:
  std::filesystem::path dir_;
  std::string path_;
};

std::vector<SourceRecord> read_upload(const ImportInput& input, std::size_t max_records) {
  const UploadFile file(input);
  std::vector<SourceRecord> records;
  try {
    records = read_initiatives(file.path());
  } catch (const ImportError& e) {
    throw DomainError(Fault::invalid, file.shown(e.what()));
  } catch (const DataError& e) {
    throw DomainError(Fault::invalid, file.shown(e.what()));
  } catch (const geo::GdalError&) {
    // GDAL's message names the in-memory path: say what the client can act on.
    throw DomainError(Fault::invalid, std::string("the body is not a readable ") +
                                          (input.format == ImportFormat::csv       ? "CSV file"
                                           : input.format == ImportFormat::geojson ? "GeoJSON file"
                                                                                   : "GeoPackage"));
  }
  if (records.size() > max_records)
    throw DomainError(Fault::too_large, "an import takes at most " + std::to_string(max_records) +
                                            " records; this one has " + std::to_string(records.size()));
  if (records.empty()) throw DomainError(Fault::invalid, "the import holds no record");
  return records;
}

}  // namespace

ImportOutcome Editor::import(const access::Principal& who, const ImportInput& input) {
  try {
    return import_all(who, input);
  } catch (...) {
    std::rethrow_exception(as_client_error(std::current_exception()));
  }
}

ImportOutcome Editor::import_all(const access::Principal& who, const ImportInput& input) {
  if (input.body.size() > limits_.max_import_bytes)
    throw DomainError(Fault::too_large, "an import body may have at most " +
                                            std::to_string(limits_.max_import_bytes >> 20) + " MiB");
  take_rate(who);
  std::vector<SourceRecord> records = read_upload(input, limits_.max_import_records);

  ImportOutcome outcome;
  // Groups committed before are published first (publishing takes the
  // lock), so this import derives from a snapshot that shows them.
  pipeline_.drain();
  const auto lock = holder_.lock_writes();
  const std::shared_ptr<const Snapshot> snapshot = holder_.current();
  Store& db = store();
  Store::Transaction tx(db);
  const std::int64_t from = db.generation(), to = from + 1;
  const Registry& registry = snapshot->registry();
  const Joiner joiner(registry.catalog(), registry.gazetteer());

  std::vector<StoredInitiative> accepted;
  std::set<std::string> ids;
  bool refused = false;
  for (SourceRecord& r : records) {
    RecordOutcome o{r.label, r.initiative.id, "created", ""};
    try {
      if (!ids.insert(r.initiative.id).second)
        throw DomainError(Fault::conflict, "the id appears twice in this import");
      if (db.has_initiative(r.initiative.id))
        throw DomainError(Fault::conflict, "an initiative with this id is already stored");
      std::vector<SourceRecord> one;
      one.push_back(std::move(r));
      StoredInitiative s = std::move(join_records(joiner, registry.gazetteer(), std::move(one), outcome.notes).front());
      access::Footprints touched;
      add_footprint(s, touched);
      access::check_scope(who, touched);
      s.revision = to;
      accepted.push_back(std::move(s));
    } catch (const ImportError& e) {
      o.status = "invalid";
      o.detail = e.reason;
    } catch (const access::AccessDenied& e) {
      o.status = "out_of_scope";
      o.detail = e.what();
    } catch (const DomainError& e) {
      o.status = "exists";
      o.detail = e.what();
    }
    refused = refused || o.status != "created";
    outcome.records.push_back(std::move(o));
  }
  outcome.generation = from;
  if (refused) return outcome;  // the transaction rolls back: nothing written

  const std::string now = access::utc_timestamp(std::chrono::system_clock::now());
  std::vector<InitiativeChange> changes;
  for (StoredInitiative& s : accepted) {
    db.insert_initiative(s, to);
    AuditRow row;
    row.generation = to;
    row.time = now;
    row.token_id = who.token.id;
    row.token_name = who.token.name;
    row.operation = "import";
    row.feature_id = s.initiative.id;
    row.after = record_feature_json(s.initiative);
    db.append_audit(row);
    std::string id = s.initiative.id;
    changes.push_back({std::move(id), std::move(s)});
  }
  db.advance_generation();
  tx.commit();
  if (sync_) sync_();  // on disk before it is shown and answered
  holder_.publish_write(changes, from, to);
  outcome.written = true;
  outcome.generation = to;
  return outcome;
}

}  // namespace layers::edit
