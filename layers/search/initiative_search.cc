#include "layers/search/initiative_search.h"

namespace layers {

namespace {

// The index's columns: weights of bm25.
constexpr std::size_t kFirstRemark = 3;  // after name, institution, description
std::vector<geo::TextIndex::Column> columns() {
  std::vector<geo::TextIndex::Column> c = {{"name", 10}, {"institution", 4}, {"description", 2}};
  for (Dimension d : kAllDimensions) c.push_back({remark_field(d), 1});
  return c;
}

std::vector<std::string> texts(const Initiative& in) {
  std::vector<std::string> t = {in.name, in.institution, in.sheet.description};
  for (Dimension d : kAllDimensions) t.push_back(in.sheet.remark(d).text);
  return t;
}

// Words around the matches a hit shows of a remark.
constexpr std::size_t kSnippetWords = 24;

}  // namespace

InitiativeSearch::InitiativeSearch(const InitiativeList& records)
    : index_(std::make_unique<geo::TextIndex>(columns())) {
  index_->begin();
  for (const StoredInitiative& s : records) index_->put(s.initiative.id, texts(s.initiative));
  index_->commit();
}

InitiativeSearch::InitiativeSearch(const InitiativeSearch& before, const InitiativeList& records,
                                   const std::set<std::string>& changed)
    : index_(before.index_->copy()) {
  index_->begin();
  for (const std::string& id : changed) {
    index_->remove(id);
    if (const StoredInitiative* s = records.find(id)) index_->put(id, texts(s->initiative));
  }
  index_->commit();
}

InitiativeSearch::~InitiativeSearch() = default;

std::vector<SearchHit> InitiativeSearch::search(const InitiativeList& records, const SearchText& text,
                                                std::size_t limit) const {
  std::vector<std::size_t> remark_columns;
  for (std::size_t i = 0; i < kAllDimensions.size(); ++i) remark_columns.push_back(kFirstRemark + i);
  std::vector<SearchHit> out;
  for (geo::TextIndex::Hit& h : index_->search(text.words, text.last_is_prefix, limit, remark_columns, kSnippetWords)) {
    const StoredInitiative* s = records.find(h.key);
    if (!s) continue;  // not in this list: the caller's list is not the index's
    SearchHit hit{s, h.score, {}};
    for (std::size_t i = 0; i < kAllDimensions.size(); ++i)
      if (!h.highlights[i].empty()) hit.remarks.push_back({kAllDimensions[i], std::move(h.highlights[i])});
    out.push_back(std::move(hit));
  }
  return out;
}

}  // namespace layers
