#include "layers/search/search_text.h"

#include <algorithm>

#include "layers/errors.h"
#include "layers/model/text_normalize.h"

namespace layers {

namespace {
// Articles, prepositions and conjunctions, folded: they would make every
// word of a phrase required ("participación de la ciudadanía").
bool is_stop_word(std::string_view w) {
  static constexpr std::string_view kStop[] = {"a",   "al", "con", "de",  "del",  "e",  "el",  "en",
                                               "la",  "las", "lo", "los", "o",    "para", "por", "que",
                                               "se",  "su", "sus", "u",   "un",   "una", "y"};
  return std::find(std::begin(kStop), std::end(kStop), w) != std::end(kStop);
}
}  // namespace

SearchText parse_search_text(std::string_view text) {
  if (text.size() > kMaxSearchBytes)
    throw DomainError(Fault::invalid, "q is longer than " + std::to_string(kMaxSearchBytes) + " bytes");
  std::vector<std::string> all = name_tokens(text);
  if (all.empty()) throw DomainError(Fault::invalid, "q has no word to search for");
  SearchText out;
  for (std::string& w : all)
    if (!is_stop_word(w)) out.words.push_back(std::move(w));
  // Only stop words: searched as they are.
  if (out.words.empty()) out.words = name_tokens(text);
  if (out.words.size() > kMaxSearchWords)
    throw DomainError(Fault::invalid, "q has more than " + std::to_string(kMaxSearchWords) + " words");
  // A trailing blank: the last word is complete.
  out.last_is_prefix = !(text.back() == ' ' || text.back() == '\t');
  return out;
}

}  // namespace layers
