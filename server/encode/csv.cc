#include "server/encode/csv.h"

namespace server::encode {

namespace {
bool needs_quotes(std::string_view v) { return v.find_first_of(",\"\r\n") != std::string_view::npos; }

void append_field(std::string& out, std::string_view v) {
  if (!needs_quotes(v)) {
    out.append(v);
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}
}  // namespace

std::string csv_field(std::string_view value) {
  std::string out;
  append_field(out, value);
  return out;
}

void CsvWriter::field(std::string_view value) {
  if (row_open_) out_ += ',';
  append_field(out_, value);
  row_open_ = true;
}

void CsvWriter::end_row() {
  out_ += "\r\n";
  row_open_ = false;
}

void CsvWriter::row(const std::vector<std::string>& fields) {
  for (const auto& f : fields) field(f);
  // A record of one empty field must still be a line: RFC 4180 allows it.
  end_row();
}

}  // namespace server::encode
