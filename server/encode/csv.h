#pragma once
// A small RFC 4180 CSV writer: CRLF line ends, a field quoted only when it
// holds a comma, a quote, CR or LF (quotes doubled). Deterministic bytes, so
// tests and caches can compare outputs.
#include <string>
#include <string_view>
#include <vector>

namespace server::encode {

class CsvWriter {
 public:
  // Appends one record; fields are written as given (UTF-8 text).
  void row(const std::vector<std::string>& fields);
  // Appends one field to the current record; end_row() closes it.
  void field(std::string_view value);
  void end_row();

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }
  void reserve(std::size_t bytes) { out_.reserve(bytes); }

 private:
  std::string out_;
  bool row_open_ = false;
};

// One field as it appears in a record.
std::string csv_field(std::string_view value);

// The media type of CSV responses (RFC 4180 with header=present).
inline constexpr std::string_view kCsvMediaType = "text/csv; charset=utf-8; header=present";

}  // namespace server::encode
