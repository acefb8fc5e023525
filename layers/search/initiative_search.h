#pragma once
// The full-text index of one snapshot's initiatives: name, institution,
// description and the seed's remark of each dimension (the practice sheet,
// layers/model/practice_sheet.h), ranked by bm25 with the name weighted
// above the institution, the institution above the description, and the
// description above the remarks. Immutable once built; a later snapshot's
// gets a copy with only the records written since changed
// (deferred_search.h).
#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "geo/sqlite/text_index.h"
#include "layers/model/initiative_list.h"
#include "layers/model/practice_sheet.h"
#include "layers/search/search_text.h"

namespace layers {

struct RemarkMatch {
  Dimension dimension;
  // A window of the remark around its matched words, in spans.
  std::vector<geo::TextIndex::Span> snippet;
};

struct SearchHit {
  const StoredInitiative* record = nullptr;  // in the list the index was built from
  double score = 0;                          // bm25, lower is better
  std::vector<RemarkMatch> remarks;          // the remarks with matched words, in dimension order
};

class InitiativeSearch {
 public:
  // Indexes every record.
  explicit InitiativeSearch(const InitiativeList& records);
  // The index of `records`: a copy of before with the records of the ids
  // `changed` taken out and, those still in `records`, put back as they are.
  InitiativeSearch(const InitiativeSearch& before, const InitiativeList& records, const std::set<std::string>& changed);
  ~InitiativeSearch();
  InitiativeSearch(const InitiativeSearch&) = delete;
  InitiativeSearch& operator=(const InitiativeSearch&) = delete;

  // The best hits first, at most limit; records from `records`, the list
  // this index was built or updated to.
  std::vector<SearchHit> search(const InitiativeList& records, const SearchText& text, std::size_t limit) const;

 private:
  std::unique_ptr<geo::TextIndex> index_;
};

}  // namespace layers
