#include "server/routes/initiative_search.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "server/http/errors.h"
#include "server/params.h"
#include "server/routes/ogc_params.h"

namespace server::routes {

namespace {
using nlohmann::json;

constexpr double kDefaultLimit = 10, kMaxLimit = 50;

json spans_json(const std::vector<geo::TextIndex::Span>& spans) {
  json out = json::array();
  for (const auto& s : spans) out.push_back({{"text", s.text}, {"match", s.match}});
  return out;
}

json hit_json(const layers::SearchHit& h, std::size_t rank, const std::string& base) {
  const layers::Initiative& in = h.record->initiative;
  json remarks = json::array();
  for (const layers::RemarkMatch& m : h.remarks) {
    const layers::Remark& r = in.sheet.remark(m.dimension);
    remarks.push_back({{"dimension", std::string(layers::dimension_name(m.dimension))},
                       {"label", std::string(layers::dimension_label(m.dimension))},
                       {"section", r.section},
                       {"text", r.text},
                       {"snippet", spans_json(m.snippet)}});
  }
  const std::string href = base + "/initiatives/" + url_encode(in.id);
  return {{"rank", rank},
          {"id", in.id},
          {"name", in.name},
          {"institution", in.institution.empty() ? json(nullptr) : json(in.institution)},
          {"description", in.sheet.description.empty() ? json(nullptr) : json(in.sheet.description)},
          {"remarks", remarks},
          {"links",
           json::array({{{"href", href}, {"rel", "item"}, {"type", "application/json"}, {"title", "Ficha (JSON)"}},
                        {{"href", href + "?f=html"}, {"rel", "alternate"}, {"type", "text/html"}, {"title", "Ficha"}}})}};
}
}  // namespace

http::Response search_initiatives(const http::Request& r, const layers::Snapshot& snapshot, const Site& site) {
  check_known_params(r, {"q", "limit"});
  const auto q = r.query_value("q");
  if (!q) throw http::BadRequest("missing query parameter q (words to search for)", {{"parameter", "q"}});
  const layers::SearchText text = layers::parse_search_text(*q);
  const auto limit_text = r.query_value("limit");
  const double limit = limit_text ? parse_number("limit", *limit_text, 1, kMaxLimit) : kDefaultLimit;
  if (limit != std::floor(limit)) throw http::BadRequest("limit must be a whole number", {{"parameter", "limit"}});

  const layers::InitiativeList& records = snapshot.registry().initiatives();
  const std::string base = base_url(r, site);
  json hits = json::array();
  std::size_t rank = 0;
  for (const layers::SearchHit& h : snapshot.search().search(records, text, static_cast<std::size_t>(limit)))
    hits.push_back(hit_json(h, ++rank, base));
  const std::size_t count = hits.size();
  // replace: q is the client's text, which need not be valid UTF-8.
  return http::json(200, json{{"q", *q}, {"words", text.words}, {"count", count}, {"initiatives", std::move(hits)}}
                             .dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace server::routes
