#pragma once
// Reads a small CSV file (RFC 4180 quoting) into rows of named string fields.
// Codes keep their leading zeros: nothing is converted.
#include <string>
#include <unordered_map>
#include <vector>

namespace layers {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Index of a column, or throws DataError naming the file.
  std::size_t column(const std::string& name) const;
  std::string path;
};

// Throws DataError on an unreadable file or a row whose field count differs
// from the header's (naming the line).
CsvTable read_csv(const std::string& path);

}  // namespace layers
