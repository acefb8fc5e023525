#pragma once
// The write side of the registry: creates, replaces, patches and deletes
// single initiatives for the holder of a token. Each write is checked
// against the token's scope before and after, validated and joined as an
// import is, stored with its audit row in one transaction (a committed
// write is on disk), and published in a new snapshot before it is
// answered, so the answer to the client and every later read show it.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "layers/access/credentials.h"
#include "layers/access/rate_limit.h"
#include "layers/access/scope.h"
#include "layers/edit/commit_pipeline.h"
#include "layers/snapshot/registry_holder.h"
#include "layers/store/initiative_source.h"
#include "layers/store/store.h"

namespace layers::edit {

// The versions a conditional write accepts (If-Match): any current one
// ("*"), or one of these revisions.
struct Precondition {
  bool any = false;
  std::vector<std::int64_t> revisions;
};

// A GeoJSON Feature (or merge patch) as the client sent it.
struct FeatureInput {
  std::string_view body;
  std::optional<std::string_view> content_crs;  // the Content-Crs field, if any
};

struct EditLimits {
  std::size_t max_body_bytes = 2u << 20;
  std::size_t max_vertices = 200000;
  std::size_t max_import_bytes = 20u << 20;
  std::size_t max_import_records = 100000;
  access::RateLimit rate;
};

// A bulk import: what territorio import reads, sent as the body.
enum class ImportFormat { csv, geojson, geopackage };
struct ImportInput {
  std::string_view body;
  ImportFormat format = ImportFormat::csv;
};

// What became of each record of an import. The import is all or nothing:
// `written` is true only when every record was accepted.
struct RecordOutcome {
  std::string record;  // "line 12 (id 40)" as import names it, or the id
  std::string id;
  std::string status;  // created | invalid | out_of_scope | exists
  std::string detail;  // why, for a refused record
};
struct ImportOutcome {
  bool written = false;
  std::vector<RecordOutcome> records;
  std::vector<std::string> notes;  // repairs the import made (closed rings, snapped points)
  std::int64_t generation = 0;     // the store's after the import
};

struct Written {
  std::string id;
  std::int64_t revision = 0;  // of the record now; the generation of a delete
  std::shared_ptr<const Snapshot> snapshot;  // published, showing the write
};

// Adds what a record reaches to a scope check: its 2018 regions (every
// commune lies in one, so this is "every commune in the token's regions",
// and a 2007 footprint is checked through the communes the join resolved),
// and whether it has a location at all.
void add_footprint(const StoredInitiative& record, access::Footprints& touched);

class Editor {
 public:
  // Writes to the holder's store.
  explicit Editor(RegistryHolder& holder, EditLimits limits = {});
  ~Editor();
  Editor(const Editor&) = delete;
  Editor& operator=(const Editor&) = delete;

  // Each throws DomainError (invalid, too_large, not_found, conflict, stale,
  // unconditional, too_many, busy) or access::AccessDenied (out_of_scope),
  // and then has written nothing.
  Written create(const access::Principal& who, const FeatureInput& feature);
  Written replace(const access::Principal& who, const std::string& id, const std::optional<Precondition>& if_match,
                  const FeatureInput& feature);
  Written patch(const access::Principal& who, const std::string& id, const std::optional<Precondition>& if_match,
                const FeatureInput& merge_patch);
  Written remove(const access::Principal& who, const std::string& id, const std::optional<Precondition>& if_match);

  // The same writes without waiting: each reads its input, then queues the
  // write and returns. What the body alone can refuse (an invalid feature,
  // the rate) is thrown from the call; everything decided in the store is
  // given to `answer`, called once on another thread (the commit
  // pipeline's, or the committer's when nothing of its group committed).
  // A caller that answers a client over HTTP thus holds no thread while
  // its write waits for its group, the disk and the snapshot.
  using Answer = std::function<void(Written written, std::exception_ptr error)>;  // must not throw
  void create(const access::Principal& who, const FeatureInput& feature, Answer answer);
  void replace(const access::Principal& who, const std::string& id, const std::optional<Precondition>& if_match,
               const FeatureInput& feature, Answer answer);
  void patch(const access::Principal& who, const std::string& id, const std::optional<Precondition>& if_match,
             const FeatureInput& merge_patch, Answer answer);
  void remove(const access::Principal& who, const std::string& id, const std::optional<Precondition>& if_match,
              Answer answer);
  // All records in the token's scope, none already stored, each valid: then
  // one transaction; otherwise nothing is written and the outcome says why
  // per record. A source GDAL cannot read is a DomainError (invalid).
  ImportOutcome import(const access::Principal& who, const ImportInput& input);

 private:
  struct Change;
  struct Pending;
  using Group = std::vector<std::unique_ptr<Pending>>;
  // Group commit: a write is queued; the committer thread takes every
  // queued write (up to a bound) and commits them in one transaction, each
  // in its own savepoint and with its own generation, so concurrent writes
  // share one fsync and one snapshot publication while each still fails or
  // succeeds alone. Once its transaction has committed, the committer
  // takes the next group: the log's sync and the snapshot follow in
  // pipeline_, whose publisher answers the group's writes once it has
  // published them. No thread waits per write: one wake-up starts a group
  // and one answers each write.
  void enqueue(const access::Principal& who, Change change, Answer answer);
  // Reads the record and derives the write against the published
  // snapshot, on the caller's thread (Change::Prepared). record: the
  // body's record, already read (create, replace).
  void prepare(Change& change, std::optional<SourceRecord> record = std::nullopt) const;
  Written wait_for(const std::function<void(Answer)>& start);
  void commit_loop();
  // The group's transaction; true when pipeline_ will answer the group,
  // false when no write of it was committed (each has its error then).
  bool run_group(const std::shared_ptr<Group>& group);
  // Gives each write of the group its answer.
  static void answer(const Group& group, const std::shared_ptr<const Snapshot>& published,
                     const std::exception_ptr& error);
  InitiativeChange apply(const access::Principal& who, Change& change, std::int64_t generation,
                         const Snapshot& snapshot);
  void take_rate(const access::Principal& who);
  // The store locked by another process past the busy timeout becomes a
  // DomainError (busy: 503, try again); any other error stays as it is.
  static std::exception_ptr as_client_error(std::exception_ptr error);
  ImportOutcome import_all(const access::Principal& who, const ImportInput& input);
  // The store, opened by the first write (a server never written to may
  // serve a read-only file), and again when a new file replaced it under
  // its path. Call with holder_.lock_writes() held.
  Store& store();

  RegistryHolder& holder_;
  std::string store_path_;
  EditLimits limits_;
  access::RateLimiter rate_;
  std::unique_ptr<Store> store_;  // used with holder_.lock_writes() held
  std::function<void()> sync_;    // store_->defer_sync(): makes its commits durable
  std::uint64_t store_identity_ = 0;  // of the store store_ was opened on (Store::identity)

  std::mutex queue_mutex_;
  std::condition_variable queued_cv_;
  std::deque<std::unique_ptr<Pending>> queued_;  // guarded by queue_mutex_
  bool stopping_ = false;                        // guarded by queue_mutex_
  CommitPipeline pipeline_;  // stopped after the committer, while what it uses still exists
  std::thread committer_;    // last: started once the rest exists
};

}  // namespace layers::edit
