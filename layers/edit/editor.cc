#include "layers/edit/editor.h"

#include <algorithm>
#include <functional>
#include <future>
#include <set>

#include "layers/access/scope.h"
#include "layers/store/audit_trail.h"
#include "layers/edit/feature_body.h"
#include "layers/edit/json_body.h"
#include "layers/edit/merge_patch.h"
#include "geo/error.h"
#include "layers/errors.h"
#include "layers/store/importer.h"

namespace layers::edit {

// The record after a write, from the one before (null for a create).
using MakeAfter = std::function<SourceRecord(const StoredInitiative* before)>;

namespace {

// Writes one commit may hold: bounds the time a group keeps the lock.
constexpr std::size_t kMaxGroup = 64;
// Writes that may wait for the committer; more are answered busy (503).
constexpr std::size_t kMaxQueued = 1024;


void check_precondition(const std::optional<Precondition>& if_match, const StoredInitiative& current) {
  if (!if_match)
    throw DomainError(Fault::unconditional,
                      "this write must say which version it replaces: send If-Match with the ETag of the record "
                      "(W/\"r" + std::to_string(current.revision) + "\" is current)");
  if (if_match->any) return;
  const auto& r = if_match->revisions;
  if (std::find(r.begin(), r.end(), current.revision) == r.end())
    throw DomainError(Fault::stale, "record " + current.initiative.id +
                                        " was changed since that version: its current ETag is W/\"r" +
                                        std::to_string(current.revision) + "\"; read it again and redo the change");
}

// A patch that gives a new footprint source without saying its kind means
// that source: a geometry moves the record there, codes or names replace
// its places. The stored kind would otherwise keep the old source.
FeatureOptions feature_options(std::optional<std::string_view> content_crs, std::size_t max_vertices) {
  FeatureOptions o;
  o.max_vertices = max_vertices;
  if (content_crs) o.crs = &parse_content_crs(*content_crs);
  return o;
}

// Another process (territorio import) holds the store's write lock past
// the busy timeout: the client may retry; nothing of this write was kept.
constexpr int kBusyRetrySeconds = 5;

// make_after's record joined as import joins it, against the snapshot's
// boundaries and gazetteer.
StoredInitiative joined_after(SourceRecord record, const Snapshot& snapshot) {
  std::vector<SourceRecord> records;
  records.push_back(std::move(record));
  const Registry& registry = snapshot.registry();
  const Joiner joiner(registry.catalog(), registry.gazetteer());
  std::vector<std::string> notes;
  try {
    return std::move(join_records(joiner, registry.gazetteer(), std::move(records), notes).front());
  } catch (const ImportError& e) {
    throw DomainError(Fault::invalid, e.reason);
  }
}

// make_after of a create or a replace: the body read again each time (a
// record owns its geometry, it is not copied). id: the record's, when the
// body names none.
MakeAfter reread(std::shared_ptr<const Json> body, FeatureOptions options, std::string id) {
  return [body = std::move(body), options, id = std::move(id)](const StoredInitiative*) {
    SourceRecord record = parse_feature(*body, options);
    if (record.initiative.id.empty()) record.initiative.id = id;
    return record;
  };
}

BodyLimits body_limits(std::size_t max_bytes) {
  BodyLimits l;
  l.max_bytes = max_bytes;
  return l;
}

void prepare_patch_target(Json& target, const Json& patch) {
  const auto props = patch.find("properties");
  const bool names_kind = props != patch.end() && props->is_object() && props->contains("footprint_kind");
  if (names_kind || !target["properties"].is_object()) return;
  auto given = [&](const char* key) {
    return props != patch.end() && props->is_object() && props->contains(key) && !(*props)[key].is_null();
  };
  if (patch.contains("geometry") && !patch["geometry"].is_null())
    target["properties"].erase("footprint_kind");
  else if (given("footprint_codes"))
    target["properties"]["footprint_kind"] = "codes";
  else if (given("footprint_names"))
    target["properties"]["footprint_kind"] = "names";
}

}  // namespace

struct Editor::Change {
  std::string operation;  // create | replace | update | delete
  std::string id;
  std::optional<Precondition> if_match;
  // Empty for a delete. May be called more than once.
  MakeAfter make_after;
  // What the write reads and derives, done on the caller's thread against
  // the snapshot published then (prepare()): the committer, which writes
  // one record at a time for every client, uses it when the store still
  // holds the same version of the record, and does it again otherwise.
  struct Prepared {
    std::shared_ptr<const Snapshot> seen;
    std::shared_ptr<const StoredInitiative> before;  // the record in `seen`; null: not there
    std::optional<StoredInitiative> after;           // make_after joined against seen's registry
    std::optional<std::string> before_json, after_json;  // the audit's texts
  };
  std::optional<Prepared> prepared;
};

struct Editor::Pending {
  Pending(const access::Principal& w, Change c, Answer a) : who(w), change(std::move(c)), done(std::move(a)) {}
  access::Principal who;
  Change change;
  Answer done;
  std::optional<Written> result;
  std::exception_ptr error;
};

Editor::Editor(RegistryHolder& holder, EditLimits limits)
    : holder_(holder),
      store_path_(holder.store_path()),
      limits_(limits),
      rate_(limits.rate),
      pipeline_(holder),
      committer_([this] { commit_loop(); }) {}

Editor::~Editor() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queued_cv_.notify_all();
  committer_.join();  // commits what is queued; pipeline_ then answers it
}

void add_footprint(const StoredInitiative& record, access::Footprints& touched) {
  for (const JoinedUnit& u : record.units)
    if (u.division == Division::d2018 && u.level == Level::region) touched.regions.insert(u.code);
  if (record.units.empty()) touched.located = false;
}

Store& Editor::store() {
  const std::uint64_t identity = Store::identity(store_path_);
  if (!store_ || identity != store_identity_) {
    store_.reset();
    store_ = Store::open(store_path_, Store::Access::write);
    store_identity_ = identity;
    sync_ = store_->defer_sync();
  }
  return *store_;
}

void Editor::take_rate(const access::Principal& who) {
  int retry_after = 1;
  if (!rate_.allow(who.token.id, access::RateLimiter::Clock::now(), retry_after))
    throw DomainError(Fault::too_many, "too many writes with this token: wait " + std::to_string(retry_after) +
                                           " s (Retry-After)", retry_after);
}

void Editor::create(const access::Principal& who, const FeatureInput& feature, Answer answer) {
  take_rate(who);
  const FeatureOptions options = feature_options(feature.content_crs, limits_.max_vertices);
  auto body = std::make_shared<const Json>(parse_json_body(feature.body, body_limits(limits_.max_body_bytes)));
  SourceRecord record = parse_feature(*body, options);
  if (record.initiative.id.empty()) record.initiative.id = new_initiative_id();
  const std::string id = record.initiative.id;
  Change change{"create", id, std::nullopt, reread(body, options, id), {}};
  prepare(change, std::move(record));
  enqueue(who, std::move(change), std::move(answer));
}

void Editor::replace(const access::Principal& who, const std::string& id, const std::optional<Precondition>& if_match,
                     const FeatureInput& feature, Answer answer) {
  take_rate(who);
  const FeatureOptions options = feature_options(feature.content_crs, limits_.max_vertices);
  auto body = std::make_shared<const Json>(parse_json_body(feature.body, body_limits(limits_.max_body_bytes)));
  SourceRecord record = parse_feature(*body, options);
  if (record.initiative.id.empty()) record.initiative.id = id;
  if (record.initiative.id != id)
    throw DomainError(Fault::invalid, "the feature's id '" + record.initiative.id + "' is not the id in the path '" +
                                          id + "': a PUT replaces the record it names");
  Change change{"replace", id, if_match, reread(body, options, id), {}};
  prepare(change, std::move(record));
  enqueue(who, std::move(change), std::move(answer));
}

void Editor::patch(const access::Principal& who, const std::string& id, const std::optional<Precondition>& if_match,
                   const FeatureInput& merge_patch, Answer answer) {
  take_rate(who);
  const FeatureOptions options = feature_options(merge_patch.content_crs, limits_.max_vertices);
  auto patch = std::make_shared<Json>(parse_json_body(merge_patch.body, body_limits(limits_.max_body_bytes)));
  if (!patch->is_object())
    throw DomainError(Fault::invalid, "a merge patch of a feature is a JSON object (RFC 7386)");
  Change change{"update", id, if_match, [patch, options, id](const StoredInitiative* before) {
                  Json target = Json::parse(record_feature_json(before->initiative));
                  prepare_patch_target(target, *patch);
                  SourceRecord record = parse_feature(apply_merge_patch(std::move(target), *patch), options);
                  if (record.initiative.id != id)
                    throw DomainError(Fault::invalid, "a patch may not change the record's id");
                  return record;
                },
                {}};
  prepare(change);
  enqueue(who, std::move(change), std::move(answer));
}

void Editor::remove(const access::Principal& who, const std::string& id, const std::optional<Precondition>& if_match,
                    Answer answer) {
  take_rate(who);
  Change change{"delete", id, if_match, {}, {}};
  prepare(change);
  enqueue(who, std::move(change), std::move(answer));
}

Written Editor::create(const access::Principal& who, const FeatureInput& feature) {
  return wait_for([&](Answer a) { create(who, feature, std::move(a)); });
}

Written Editor::replace(const access::Principal& who, const std::string& id,
                        const std::optional<Precondition>& if_match, const FeatureInput& feature) {
  return wait_for([&](Answer a) { replace(who, id, if_match, feature, std::move(a)); });
}

Written Editor::patch(const access::Principal& who, const std::string& id, const std::optional<Precondition>& if_match,
                      const FeatureInput& merge_patch) {
  return wait_for([&](Answer a) { patch(who, id, if_match, merge_patch, std::move(a)); });
}

Written Editor::remove(const access::Principal& who, const std::string& id,
                       const std::optional<Precondition>& if_match) {
  return wait_for([&](Answer a) { remove(who, id, if_match, std::move(a)); });
}

Written Editor::wait_for(const std::function<void(Answer)>& start) {
  auto promise = std::make_shared<std::promise<Written>>();
  std::future<Written> answered = promise->get_future();
  start([promise](Written written, std::exception_ptr error) {
    if (error)
      promise->set_exception(error);
    else
      promise->set_value(std::move(written));
  });
  return answered.get();
}

std::exception_ptr Editor::as_client_error(std::exception_ptr error) {
  const auto busy = [] {
    return std::make_exception_ptr(DomainError(
        Fault::busy, "the registry is busy with another write (an import): nothing was written; try again shortly",
        kBusyRetrySeconds));
  };
  try {
    std::rethrow_exception(error);
  } catch (const geo::SqliteBusy&) {
    return busy();
  } catch (const geo::PgBusy&) {
    return busy();
  } catch (...) {
    return error;
  }
}

void Editor::prepare(Change& change, std::optional<SourceRecord> record) const {
  Change::Prepared p;
  p.seen = holder_.current();
  const InitiativeList& list = p.seen->registry().initiatives();
  if (const std::size_t i = list.index_of(change.id); i != InitiativeList::npos) {
    p.before = list.ptr(i);
    p.before_json = record_feature_json(p.before->initiative);
  }
  if (change.make_after) {
    // A patch of a record the snapshot does not hold: the committer finds
    // it in the store, or answers not found.
    if (!record && !p.before) return;
    try {
      p.after = joined_after(record ? std::move(*record) : change.make_after(p.before.get()), *p.seen);
      p.after_json = record_feature_json(p.after->initiative);
    } catch (...) {
      return;  // the committer meets the same error, and answers it
    }
  }
  change.prepared = std::move(p);
}

void Editor::enqueue(const access::Principal& who, Change change, Answer answer) {
  auto pending = std::make_unique<Pending>(who, std::move(change), std::move(answer));
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_)
      throw DomainError(Fault::busy, "the server is stopping: nothing was written; try again shortly",
                        kBusyRetrySeconds);
    // A bound on what waits: each queued write holds its parsed body.
    if (queued_.size() >= kMaxQueued)
      throw DomainError(Fault::busy, "the server has too many writes waiting: nothing was written; try again shortly",
                        kBusyRetrySeconds);
    queued_.push_back(std::move(pending));
  }
  queued_cv_.notify_one();
}

void Editor::commit_loop() {
  std::unique_lock lock(queue_mutex_);
  for (;;) {
    queued_cv_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
    if (queued_.empty()) return;  // stopping, and every write taken
    const std::size_t n = std::min(queued_.size(), kMaxGroup);
    auto group = std::make_shared<Group>();
    group->reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
      group->push_back(std::move(queued_.front()));
      queued_.pop_front();
    }
    lock.unlock();
    // Committed: the next group may write while this one is published.
    if (!run_group(group)) answer(*group, nullptr, nullptr);
    lock.lock();
  }
}

void Editor::answer(const Group& group, const std::shared_ptr<const Snapshot>& published,
                    const std::exception_ptr& error) {
  for (const auto& p : group) {
    std::exception_ptr e = p->error;
    if (p->result && error) e = error;  // committed, but its log could not be synced: not known to be on disk
    if (p->result && !e) p->result->snapshot = published;
    try {
      p->done(e ? Written{} : std::move(*p->result), e);
    } catch (...) {
      // An answer must not throw; one that does loses only its own reply.
    }
  }
}

bool Editor::run_group(const std::shared_ptr<Group>& group) {
  try {
    const auto lock = holder_.lock_writes();
    const std::shared_ptr<const Snapshot> snapshot = holder_.current();
    Store& db = store();
    Store::Transaction tx(db);
    const std::int64_t from = db.generation();
    std::int64_t to = from;
    std::vector<InitiativeChange> changes;
    for (const auto& p : *group) {
      Store::Transaction one(db);  // a savepoint of tx
      try {
        changes.push_back(apply(p->who, p->change, to + 1, *snapshot));
        one.commit();
        ++to;
        p->result = Written{p->change.id, to, nullptr};
      } catch (...) {
        p->error = std::current_exception();  // the savepoint undoes this write alone
      }
    }
    if (changes.empty()) return false;
    tx.commit();
    holder_.note_own_commit();
    // The publisher answers the group's writers when it is on disk and shown.
    pipeline_.committed(std::move(changes), from, to, sync_,
                        [group](std::shared_ptr<const Snapshot> published, std::exception_ptr error) {
                          answer(*group, published, error);
                        });
    return true;
  } catch (...) {
    // The commit (or the transaction around it) failed: nothing was written.
    const std::exception_ptr error = as_client_error(std::current_exception());
    for (const auto& p : *group) {
      p->result.reset();
      if (!p->error) p->error = error;
    }
    return false;
  }
}

InitiativeChange Editor::apply(const access::Principal& who, Change& change, std::int64_t generation,
                               const Snapshot& snapshot) {
  Store& db = *store_;
  std::optional<StoredInitiative> read;            // the record as stored, when not prepared
  std::shared_ptr<const StoredInitiative> seen;    // or as the prepared snapshot holds it
  std::optional<StoredInitiative> after;
  std::optional<std::string> before_json, after_json;
  Change::Prepared* p = change.prepared ? &*change.prepared : nullptr;
  // Prepared against the same boundaries and the version stored now (or,
  // for a record not there then, still none): used as it is.
  if (p != nullptr && &p->seen->registry().catalog() == &snapshot.registry().catalog() &&
      db.revision_of(change.id) == (p->before ? std::optional<std::int64_t>(p->before->revision) : std::nullopt)) {
    seen = p->before;
    after = std::move(p->after);
    before_json = std::move(p->before_json);
    after_json = std::move(p->after_json);
  } else {
    p = nullptr;
    std::vector<StoredInitiative> found = db.read_initiatives(change.id);
    if (!found.empty()) read = std::move(found.front());
  }
  const StoredInitiative* before = seen ? seen.get() : read ? &*read : nullptr;
  if (change.operation == "create" && before)
    throw DomainError(Fault::conflict, "an initiative with id '" + change.id +
                                           "' exists: change it with PUT or PATCH on its URL, or choose another id");
  if (change.operation != "create") {
    if (!before) throw DomainError(Fault::not_found, "no initiative '" + change.id + "'");
    check_precondition(change.if_match, *before);
  }
  if (p == nullptr && change.make_after) after = joined_after(change.make_after(before), snapshot);
  if (after) after->revision = generation;

  access::Footprints touched;
  for (const StoredInitiative* s : {before, after ? static_cast<const StoredInitiative*>(&*after) : nullptr})
    if (s) add_footprint(*s, touched);
  access::check_scope(who, touched);

  if (before) db.remove_initiative(change.id);
  if (after) db.insert_initiative(*after, generation);
  AuditRow row;
  row.generation = generation;
  row.time = access::utc_timestamp(std::chrono::system_clock::now());
  row.token_id = who.token.id;
  row.token_name = who.token.name;
  row.operation = change.operation;
  row.feature_id = change.id;
  if (before) row.before = before_json ? std::move(*before_json) : record_feature_json(before->initiative);
  if (after) row.after = after_json ? std::move(*after_json) : record_feature_json(after->initiative);
  db.append_audit(row);
  db.advance_generation();
  return {change.id, std::move(after), generation};
}

}  // namespace layers::edit
