#pragma once
// Lists kept in one text column of the store ("05101;05102", "08,16"):
// written and read back by the same two functions, so every table agrees
// on what an empty list and an empty item are.
#include <string>
#include <vector>

namespace layers {

inline std::string join_stored_list(const std::vector<std::string>& items, char separator = ';') {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// The inverse of join_stored_list: "" is the empty list.
inline std::vector<std::string> split_stored_list(const std::string& text, char separator = ';') {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(separator, start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

}  // namespace layers
