#pragma once
// What a search asks for, read from the text a person typed: its folded
// words (layers/model/text_normalize.h), without Spanish stop words ("de",
// "la", "los" ...) unless nothing else is left, the last one matched as a
// prefix so a search box can search while the word is typed.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace layers {

inline constexpr std::size_t kMaxSearchBytes = 200;
inline constexpr std::size_t kMaxSearchWords = 8;

struct SearchText {
  std::vector<std::string> words;  // folded, at least one
  bool last_is_prefix = true;
};

// Throws DomainError (invalid) for a text with no word, longer than
// kMaxSearchBytes bytes, or with more than kMaxSearchWords words.
SearchText parse_search_text(std::string_view text);

}  // namespace layers
