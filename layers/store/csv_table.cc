#include "layers/store/csv_table.h"

#include <fstream>
#include <sstream>

#include "layers/errors.h"

namespace layers {

std::size_t CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  throw DataError(path + ": missing column '" + name + "'");
}

namespace {
// Splits one record starting at pos; advances pos past its line end. Quoted
// fields may span lines.
std::vector<std::string> next_record(const std::string& text, std::size_t& pos, std::size_t& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (quoted) {
      if (c == '"') {
        if (pos + 1 < text.size() && text[pos + 1] == '"') field += '"', ++pos;
        else quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
      ++pos;
      ++line;
      break;
    } else {
      field += c;
    }
  }
  fields.push_back(std::move(field));
  return fields;
}
}  // namespace

CsvTable read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // UTF-8 BOM
  CsvTable t;
  t.path = path;
  std::size_t pos = 0, line = 1;
  t.header = next_record(text, pos, line);
  while (pos < text.size()) {
    const std::size_t at = line;
    auto rec = next_record(text, pos, line);
    if (rec.size() == 1 && rec[0].empty()) continue;  // blank line
    if (rec.size() != t.header.size())
      throw DataError(path + ":" + std::to_string(at) + ": expected " + std::to_string(t.header.size()) +
                      " fields, found " + std::to_string(rec.size()));
    t.rows.push_back(std::move(rec));
  }
  return t;
}

}  // namespace layers
