#include "server/routes/initiative_writes.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include <nlohmann/json.hpp>

#include "layers/access/credentials.h"
#include "layers/edit/history.h"
#include "server/caching_policy.h"
#include "server/http/errors.h"
#include "server/routes/features.h"
#include "server/routes/ogc_params.h"

namespace server::routes {

namespace {

using nlohmann::json;
constexpr const char* kCollection = "initiatives";

layers::access::Principal who(const http::Request& r, const WriteContext& c) {
  const auto field = r.header("authorization");
  return layers::access::authenticate(c.tokens, field ? std::optional<std::string_view>(*field) : std::nullopt,
                                      std::chrono::system_clock::now());
}

void require_type(const http::Request& r, std::initializer_list<const char*> allowed) {
  const std::string t = r.media_type();
  for (const char* a : allowed)
    if (t == a) return;
  json list = json::array();
  for (const char* a : allowed) list.push_back(a);
  throw http::UnsupportedMediaType(t.empty() ? "the body needs a Content-Type" : "a body of type " + t + " is not accepted here",
                                   {{"allowed", list}});
}

layers::edit::FeatureInput feature_input(const http::Request& r, std::optional<std::string>& crs_field) {
  crs_field = r.header("content-crs");
  layers::edit::FeatureInput in;
  in.body = r.body;
  if (crs_field) in.content_crs = *crs_field;
  return in;
}

// The record as GET answers it, from the snapshot the write published.
http::Response written_feature(const http::Request& r, const WriteContext& c, const layers::edit::Written& w,
                               int status) {
  http::Request get;
  get.method = "GET";
  get.path = "/collections/initiatives/items/" + url_encode(w.id);
  get.headers = r.headers;
  std::erase_if(get.headers, [](const auto& h) { return h.first == "if-none-match" || h.first == "accept"; });
  get.path_params = {{"collectionId", kCollection}, {"featureId", w.id}};
  const auto& snapshot = *w.snapshot;
  http::Response response =
      item(get, OgcContext{snapshot.features(), c.site, snapshot.generation(), &snapshot.registry()});
  response.status = status;
  return response;
}

// Each write reads its request here and queues the rest; the editor
// answers it once the write is on disk and published (or refused), and the
// answer is turned into the response on that thread.

// The editor's answer for `respond`: the record as GET shows it, with
// `status` (and Location for a create); 204 for a delete.
layers::edit::Editor::Answer answer_with(const http::Request& r, const WriteContext& c, http::Responder respond,
                                         int status) {
  return [&r, &c, respond, status](layers::edit::Written written, std::exception_ptr error) {
    if (error) return respond.fail(error);
    try {
      if (status == 204) {
        http::Response response;
        response.status = 204;
        return respond(std::move(response));
      }
      http::Response response = written_feature(r, c, written, status);
      if (status == 201)
        response.headers.emplace_back("Location", base_url(r, c.site) + "/collections/initiatives/items/" +
                                                      url_encode(written.id));
      respond(std::move(response));
    } catch (...) {
      respond.fail(std::current_exception());
    }
  };
}

void create(const http::Request& r, const WriteContext& c, http::Responder respond) {
  const auto principal = who(r, c);
  require_type(r, {"application/geo+json", "application/json"});
  std::optional<std::string> crs;
  c.editor.create(principal, feature_input(r, crs), answer_with(r, c, respond, 201));
}

void replace(const http::Request& r, const WriteContext& c, http::Responder respond) {
  const auto principal = who(r, c);
  require_type(r, {"application/geo+json", "application/json"});
  const auto condition = caching::if_match(r);
  std::optional<std::string> crs;
  c.editor.replace(principal, r.path_param("featureId"), condition, feature_input(r, crs),
                   answer_with(r, c, respond, 200));
}

void patch(const http::Request& r, const WriteContext& c, http::Responder respond) {
  const auto principal = who(r, c);
  require_type(r, {"application/merge-patch+json"});
  const auto condition = caching::if_match(r);
  std::optional<std::string> crs;
  c.editor.patch(principal, r.path_param("featureId"), condition, feature_input(r, crs),
                 answer_with(r, c, respond, 200));
}

void remove(const http::Request& r, const WriteContext& c, http::Responder respond) {
  const auto principal = who(r, c);
  const auto condition = caching::if_match(r);
  c.editor.remove(principal, r.path_param("featureId"), condition, answer_with(r, c, respond, 204));
}

http::Response bulk_import(const http::Request& r, const WriteContext& c) {
  const auto principal = who(r, c);
  const std::string type = r.media_type();
  layers::edit::ImportInput input;
  input.body = r.body;
  if (type == "text/csv") input.format = layers::edit::ImportFormat::csv;
  else if (type == "application/geo+json" || type == "application/json") input.format = layers::edit::ImportFormat::geojson;
  else if (type == "application/geopackage+sqlite3") input.format = layers::edit::ImportFormat::geopackage;
  else require_type(r, {"text/csv", "application/geo+json", "application/geopackage+sqlite3"});
  const auto outcome = c.editor.import(principal, input);
  json records = json::array();
  std::size_t out_of_scope = 0, exists = 0, invalid = 0;
  for (const auto& o : outcome.records) {
    json v = {{"record", o.record}, {"id", o.id}, {"status", o.status}};
    if (!o.detail.empty()) v["detail"] = o.detail;
    records.push_back(std::move(v));
    out_of_scope += o.status == "out_of_scope";
    exists += o.status == "exists";
    invalid += o.status == "invalid";
  }
  if (!outcome.written) {
    const std::size_t refused = out_of_scope + exists + invalid;
    const std::string detail = "nothing was imported: " + std::to_string(refused) + " of " +
                               std::to_string(outcome.records.size()) + " records cannot be written (see records)";
    const json extras = {{"records", records}, {"notes", outcome.notes}};
    if (out_of_scope == refused) throw http::Forbidden(detail, extras);
    if (exists == refused) throw http::Conflict(detail, extras);
    throw http::BadRequest(detail, extras);
  }
  http::Response response;
  response.status = 201;
  response.content_type = "application/json";
  response.body = json{{"imported", outcome.records.size()}, {"generation", outcome.generation},
                       {"records", std::move(records)}, {"notes", outcome.notes}}
                      .dump();
  return response;
}

json audit_json(const layers::AuditRow& row, bool texts) {
  json v = {{"revision", row.generation}, {"operation", row.operation},
            {"time", row.time.empty() ? json(nullptr) : json(row.time)}};
  v["token"] = row.token_id ? json{{"id", *row.token_id}, {"name", row.token_name}} : json(nullptr);
  if (!texts) {
    v["id"] = row.feature_id;
    return v;
  }
  v["before"] = row.before ? json::parse(*row.before) : json(nullptr);
  v["after"] = row.after ? json::parse(*row.after) : json(nullptr);
  return v;
}

http::Response history(const http::Request& r, const WriteContext& c) {
  const std::string& id = r.path_param("featureId");
  const auto h = layers::edit::read_history(c.store_path, id);
  if (!h.known) throw http::NotFound("no initiative '" + id.substr(0, 200) + "' was ever stored");
  json versions = json::array();
  for (const auto& row : h.rows) versions.push_back(audit_json(row, true));
  http::Response response;
  response.content_type = "application/json";
  response.body = json{{"id", id}, {"versions", std::move(versions)}}.dump();
  http::set_header(response, "Cache-Control", caching::kData);
  return response;
}

http::Response changes(const http::Request& r, const WriteContext& c) {
  for (const auto& [name, value] : r.query)
    if (name != "since") throw http::BadRequest("unknown parameter '" + name.substr(0, 100) + "': /changes takes since");
  const auto since_text = r.query_value("since");
  if (!since_text) throw http::BadRequest("since is required: the generation the client has (0 for everything)");
  std::int64_t since = 0;
  if (since_text->empty() || since_text->size() > 18 ||
      !std::all_of(since_text->begin(), since_text->end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    throw http::BadRequest("since must be a generation: a whole number from 0");
  since = std::stoll(*since_text);
  const auto found = layers::edit::read_changes(c.store_path, since);
  json list = json::array();
  for (const auto& row : found.rows) list.push_back(audit_json(row, false));
  http::Response response;
  response.content_type = "application/json";
  response.body = json{{"generation", found.generation}, {"since", since}, {"complete", found.complete},
                       {"changes", std::move(list)}}
                      .dump();
  http::set_header(response, "Cache-Control", caching::kNoStore);
  return response;
}

}  // namespace

void add_write_routes(http::Router& router, layers::RegistryHolder& holder, const Site& site,
                      const layers::edit::EditLimits& limits) {
  const auto context = std::make_shared<const WriteContext>(holder, site, limits);
  auto bind = [context](http::Response (*f)(const http::Request&, const WriteContext&)) {
    return [f, context](const http::Request& r) { return f(r, *context); };
  };
  // Writes are queued for the editor's committer: no thread waits for one,
  // and HTTP workers keep answering reads meanwhile.
  auto queued = [context](void (*f)(const http::Request&, const WriteContext&, http::Responder)) {
    return [f, context](const http::Request& r, http::Responder respond) { f(r, *context, std::move(respond)); };
  };
  router.add_queued("POST", "/collections/initiatives/items", queued(create));
  router.add_queued("PUT", "/collections/initiatives/items/{featureId}", queued(replace));
  router.add_queued("PATCH", "/collections/initiatives/items/{featureId}", queued(patch));
  router.add_queued("DELETE", "/collections/initiatives/items/{featureId}", queued(remove));
  router.add("GET", "/collections/initiatives/items/{featureId}/history", bind(history));
  router.add("GET", "/changes", bind(changes));
  // Parsing a source of thousands of records runs on the job pool.
  router.add("POST", "/imports", bind(bulk_import), http::Work::heavy);
}

}  // namespace server::routes
