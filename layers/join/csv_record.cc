#include "layers/join/csv_record.h"

#include <algorithm>

#include "layers/join/upload_join.h"

namespace layers::csv {

std::string at_line(std::size_t line) {
  std::string w = "line ";  // built piecewise (GCC 12 warns falsely on "lit" + std::to_string())
  w += std::to_string(line);
  return w;
}

bool next_record(std::string_view text, std::size_t& pos, std::size_t& line, Record& rec, std::size_t capacity,
                 std::size_t max_field_bytes) {
  rec.size = rec.count = 0;
  rec.line = line;
  rec.stray_quote = false;
  if (pos >= text.size()) return false;
  std::string scratch;  // fields beyond the capacity are read here and dropped
  auto next_field = [&]() -> std::string& {
    ++rec.count;
    if (rec.size == capacity) {
      scratch.clear();
      return scratch;
    }
    if (rec.size == rec.fields.size()) rec.fields.emplace_back();
    std::string& f = rec.fields[rec.size++];
    f.clear();
    return f;
  };
  std::string* field = &next_field();
  bool quoted = false, was_quoted = false;
  auto check_size = [&] {
    if (field->size() > max_field_bytes)
      throw UploadLimitExceeded(at_line(rec.line) + ": a field is longer than " + std::to_string(max_field_bytes) +
                                " bytes, the limit");
  };
  while (pos < text.size()) {
    if (quoted) {
      const std::size_t q = text.find('"', pos);
      if (q == std::string_view::npos) break;  // not closed
      const std::string_view run = text.substr(pos, q - pos);
      line += static_cast<std::size_t>(std::count(run.begin(), run.end(), '\n'));
      field->append(run);
      check_size();
      pos = q + 1;
      if (pos < text.size() && text[pos] == '"') {
        *field += '"';
        ++pos;
        continue;
      }
      quoted = false;
      if (pos < text.size() && text[pos] != ',' && text[pos] != '\r' && text[pos] != '\n')
        throw UploadError(at_line(line) + ": unexpected text after a closing quote");
      continue;
    }
    const char c = text[pos];
    if (c == '"' && field->empty() && !was_quoted) {
      quoted = was_quoted = true;
      ++pos;
      continue;
    }
    if (c == ',') {
      field = &next_field();
      was_quoted = false;
      ++pos;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
      ++pos;
      ++line;
      break;
    }
    if (c == '"') rec.stray_quote = true;
    // A run of plain characters up to the next delimiter.
    std::size_t end = pos + 1;
    while (end < text.size() && text[end] != ',' && text[end] != '\r' && text[end] != '\n' && text[end] != '"') ++end;
    field->append(text.substr(pos, end - pos));
    check_size();
    pos = end;
  }
  if (quoted) throw UploadError(at_line(rec.line) + ": a quoted field is not closed");
  rec.blank = rec.count == 1 && rec.fields[0].empty() && !was_quoted;
  return true;
}

}  // namespace layers::csv
